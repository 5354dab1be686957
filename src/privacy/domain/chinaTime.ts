/** Instants and dates shown in China time (Asia/Shanghai). Pure TypeScript. */
import type { Lang } from './contract';

const CHINA_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai has had no daylight saving since 1991.
const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS_EN = Object.freeze(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

/** An ISO instant shown in China time, e.g. `2026年11月25日 18:30（北京时间）` / `25 Nov 2026, 18:30 China time`. */
export function formatChinaTime(iso: string, lang: Lang): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + CHINA_OFFSET_MS);
  const [y, m, day, hh, mm] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  return lang === 'zh'
    ? `${y}年${m + 1}月${day}日 ${pad(hh)}:${pad(mm)}（北京时间）`
    : `${day} ${MONTHS_EN[m]} ${y}, ${pad(hh)}:${pad(mm)} China time`;
}

/** The date part only, in China time (deadlines are whole days). */
export function formatChinaDate(iso: string, lang: Lang): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms + CHINA_OFFSET_MS);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  return lang === 'zh' ? `${y}年${m + 1}月${day}日` : `${day} ${MONTHS_EN[m]} ${y}`;
}
