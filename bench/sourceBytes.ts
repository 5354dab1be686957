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

/** A range of a built file (UTF-16 offsets) that belongs to `source` whatever the map says. */
export interface Carve {
  start: number;
  end: number;
  source: string;
}

/**
 * Adds the bytes of `code` to `totals` under the source each span maps to (`(unmapped)` otherwise).
 * `carves` take their ranges away from whichever span covers them (webpack's `JSON.parse('…')` of a
 * JSON module has no mapping of its own and would count under the module before it).
 */
export function attributeBytes(code: string, map: { sources: string[]; mappings: string }, totals: Map<string, number>, carves: readonly Carve[] = []): void {
  const lines = code.split('\n');
  const lineStarts: number[] = [];
  lines.reduce((offset, line) => (lineStarts.push(offset), offset + line.length + 1), 0);
  const add = (source: string, bytes: number) => totals.set(source, (totals.get(source) ?? 0) + bytes);
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
      let bytes = Buffer.byteLength(line.slice(span.column, end));
      const from = lineStarts[lineIndex]! + span.column;
      const to = lineStarts[lineIndex]! + end;
      for (const c of carves) {
        const a = Math.max(from, c.start);
        const b = Math.min(to, c.end);
        if (a >= b) continue;
        const carved = Buffer.byteLength(code.slice(a, b));
        bytes -= carved;
        add(c.source, carved);
      }
      add(span.source, bytes);
    });
  });
}

/**
 * Bytes per original source over every `.js` file with a `.map` beside it under `dir`; `group`
 * names the total a file counts in (default one group), `carve` finds ranges that belong elsewhere.
 */
export function bytesBySource(
  dir: string,
  group: (file: string) => string = () => 'all',
  carve: (code: string) => Carve[] = () => [],
): Map<string, Map<string, number>> {
  const groups = new Map<string, Map<string, number>>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.js') && existsSync(`${p}.map`)) {
        const g = group(p);
        if (!groups.has(g)) groups.set(g, new Map());
        const code = readFileSync(p, 'utf8');
        attributeBytes(code, JSON.parse(readFileSync(`${p}.map`, 'utf8')), groups.get(g)!, carve(code));
      }
    }
  };
  walk(dir);
  return groups;
}

/**
 * Ranges of webpack's `JSON.parse('…')` literals whose JSON starts with `prefix` (a JSON module
 * inlined by webpack: the quoted string, quotes included).
 */
export function jsonParseLiterals(code: string, prefix: string, source: string): Carve[] {
  const carves: Carve[] = [];
  const opener = `JSON.parse('${prefix}`;
  for (let at = code.indexOf(opener); at >= 0; at = code.indexOf(opener, at + 1)) {
    const start = at + 'JSON.parse('.length;
    let i = start + 1;
    while (i < code.length && code[i] !== "'") i += code[i] === '\\' ? 2 : 1;
    carves.push({ start, end: i + 1, source });
  }
  return carves;
}
