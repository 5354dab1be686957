/** Instants and dates in China time (Asia/Shanghai). Pure TypeScript: the words come from the texts. */

const CHINA_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai has had no daylight saving since 1991.

/** An instant's calendar fields in China time (`month` 1–12). */
export interface ChinaTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** How a language writes a China time (the texts' `common.time` and `common.date`). */
export type ChinaTimeFormat = (t: ChinaTime) => string;

/** An ISO instant's fields in China time; null when it is not a readable instant. */
export function chinaTime(iso: string): ChinaTime | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + CHINA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** An ISO instant in China time, written by `format`; an unreadable one as it came. */
export function formatChinaTime(iso: string, format: ChinaTimeFormat): string {
  const t = chinaTime(iso);
  return t ? format(t) : iso;
}
