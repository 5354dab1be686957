/**
 * Bytes of built JavaScript per original source file, read from the build's source maps
 * (Source Map v3: base64 VLQ segments; columns count UTF-16 code units, bytes are UTF-8).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one segment's VLQ fields. */
function decodeSegment(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`bad source map character ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** Adds the bytes of `code` to `totals` under the source each span maps to (`(unmapped)` otherwise). */
export function attributeBytes(code: string, map: { sources: string[]; mappings: string }, totals: Map<string, number>): void {
  const lines = code.split('\n');
  let source = 0; // fields 2–4 are relative to the previous segment's; only the source index is needed
  map.mappings.split(';').forEach((lineMappings, lineIndex) => {
    const line = lines[lineIndex] ?? '';
    const spans: { column: number; source: string }[] = [];
    let column = 0;
    for (const segment of lineMappings.split(',')) {
      if (!segment) continue;
      const f = decodeSegment(segment);
      column += f[0]!;
      if (f.length >= 4) {
        source += f[1]!;
        spans.push({ column, source: map.sources[source] ?? '(unknown)' });
      } else spans.push({ column, source: '(unmapped)' });
    }
    spans.forEach((span, i) => {
      const end = spans[i + 1]?.column ?? line.length;
      const bytes = Buffer.byteLength(line.slice(span.column, end));
      totals.set(span.source, (totals.get(span.source) ?? 0) + bytes);
    });
  });
}

/** Bytes per original source over every `.js` file with a `.map` beside it under `dir`. */
export function bytesBySource(dir: string): Map<string, number> {
  const totals = new Map<string, number>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.js') && existsSync(`${p}.map`)) attributeBytes(readFileSync(p, 'utf8'), JSON.parse(readFileSync(`${p}.map`, 'utf8')), totals);
    }
  };
  walk(dir);
  return totals;
}
