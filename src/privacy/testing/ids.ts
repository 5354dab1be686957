import type { IdPort } from '../ports';

/** Ids `<prefix>-000001`, `<prefix>-000002`…: valid event and device ids, predictable in tests. */
export class SequentialIds implements IdPort {
  private n = 0;
  constructor(private readonly prefix = 'id') {}

  newId(): string {
    this.n += 1;
    return `${this.prefix}-${String(this.n).padStart(6, '0')}`;
  }
}

/** A deterministic [0, 1) generator (mulberry32) for jitter in tests. */
export function seededRandom(seed = 1): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
