/**
 * Times as ops read them: China time (Asia/Shanghai, UTC+8 all year, no daylight saving), never
 * UTC. Pure functions, shared by the console's pages and the server's CSV export of the audit log.
 */
import type { ConsoleLang } from './texts';

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const formats = new Map<ConsoleLang, Intl.DateTimeFormat>();

/** `isoText` in China time, in the console's language (`1 May 2026, 10:02` / `2026年5月1日 10:02`). */
export function chinaTimeText(lang: ConsoleLang, isoText: string | null | undefined): string {
  if (!isoText) return '—';
  const ms = Date.parse(isoText);
  if (Number.isNaN(ms)) return '—';
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
    formats.set(lang, format);
  }
  return format.format(new Date(ms));
}

/** `YYYY-MM-DD HH:mm:ss` in China time: sortable, for a spreadsheet's cell. */
export function chinaTimestamp(isoText: string): string {
  const ms = Date.parse(isoText);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The start of the China day `YYYY-MM-DD` as an instant; null when it is not a real date. */
export function chinaDayStart(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (y < 1970 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return new Date(utc - CHINA_OFFSET_MS);
}

/** The China day (`YYYY-MM-DD`) an instant falls on. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
