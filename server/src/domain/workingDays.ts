/**
 * China's working-day calendar (State Council General Office notices), and the deadline the shop
 * promises for a shopper's request. Pure: no file or clock access.
 */

/** The State Council General Office notice a year's calendar follows. */
export interface CalendarNotice {
  title: string;
  /** Document number, e.g. 国办发明电〔2024〕12号. */
  number: string;
  /** Date of issue, YYYY-MM-DD. */
  date: string;
}

/**
 * One year of China's working-day calendar.
 * - `published`: the year's notice is out; `holidays` and `workdays` follow it (`notice` names it).
 * - `statutory-only`: no notice yet; `holidays` holds only the statutory days of 全国年节及纪念日放假办法,
 *   `source` says so. Weekends of such a year may still become make-up working days.
 */
export interface CalendarYear {
  status: 'published' | 'statutory-only';
  notice?: CalendarNotice | null;
  source?: string;
  /** Days off on a date that would otherwise be a working day (and holidays falling on weekends). */
  holidays: string[];
  /** Weekend dates that are working days (调休 make-up days). */
  workdays: string[];
}

/** The calendar file `server/data/cn-calendar.json`. */
export interface WorkingDayCalendar {
  description?: string;
  timeZone: 'Asia/Shanghai';
  years: Record<string, CalendarYear>;
}

/** The calendar file is malformed. */
export class CalendarError extends Error {
  override name = 'CalendarError';
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR_RE = /^\d{4}$/;
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const STATUSES = ['published', 'statutory-only'];

/** Checks the calendar's shape (each year's status, its notice or source, its dates) and returns it typed. */
export function parseCalendar(raw: unknown): WorkingDayCalendar {
  if (typeof raw !== 'object' || raw === null) throw new CalendarError('calendar is not an object');
  const years = (raw as { years?: unknown }).years;
  if (typeof years !== 'object' || years === null) throw new CalendarError('calendar has no years');
  for (const [year, y] of Object.entries(years as Record<string, CalendarYear>)) {
    if (!YEAR_RE.test(year)) throw new CalendarError(`bad year ${year}`);
    if (typeof y !== 'object' || y === null) throw new CalendarError(`${year} is not an object`);
    if (!STATUSES.includes(y.status)) throw new CalendarError(`${year}.status must be one of ${STATUSES.join(', ')}`);
    if (y.status === 'published') {
      const n = y.notice;
      if (!n || typeof n.title !== 'string' || !n.title || typeof n.number !== 'string' || !n.number || typeof n.date !== 'string' || !DATE_RE.test(n.date)) {
        throw new CalendarError(`${year} is published but its notice (title, number, date) is missing or incomplete`);
      }
    } else if (typeof y.source !== 'string' || !y.source) {
      throw new CalendarError(`${year} is ${y.status} and needs a source saying where its days come from`);
    }
    for (const key of ['holidays', 'workdays'] as const) {
      if (!Array.isArray(y[key])) throw new CalendarError(`${year}.${key} is not a list`);
      for (const d of y[key]) {
        if (typeof d !== 'string' || !DATE_RE.test(d) || !d.startsWith(year)) throw new CalendarError(`${year}.${key}: bad date ${String(d)}`);
      }
    }
    if (y.status !== 'published' && y.workdays.length > 0) throw new CalendarError(`${year}: make-up working days come only from a published notice`);
  }
  return raw as WorkingDayCalendar;
}

/** How a year stands in the calendar: `published`, `statutory-only`, or `missing` (not in the file). */
export type YearStatus = CalendarYear['status'] | 'missing';

/** The status of `year` in the calendar. */
export function yearStatus(year: number | string, cal: WorkingDayCalendar): YearStatus {
  return cal.years[String(year)]?.status ?? 'missing';
}

/** True when the year follows a published State Council notice. */
export function isOfficialYear(year: number | string, cal: WorkingDayCalendar): boolean {
  return yearStatus(year, cal) === 'published';
}

/** Each year in the file with its status and source, for ops. */
export function calendarYears(cal: WorkingDayCalendar): { year: number; status: YearStatus; source: string }[] {
  return Object.entries(cal.years)
    .map(([year, y]) => ({
      year: Number(year),
      status: y.status,
      source: y.status === 'published' && y.notice ? `${y.notice.title} (${y.notice.number}, ${y.notice.date})` : (y.source ?? ''),
    }))
    .sort((a, b) => a.year - b.year);
}

/** The years from `fromYear` to `toYear` (inclusive) without an official notice: a count reaching them is on the safe side. */
export function unofficialYears(fromYear: number, toYear: number, cal: WorkingDayCalendar): number[] {
  const out: number[] = [];
  for (let y = fromYear; y <= toYear; y++) if (!isOfficialYear(y, cal)) out.push(y);
  return out;
}

/** What ops read about a year without an official notice. */
export function unofficialYearWarning(year: number, cal: WorkingDayCalendar): string {
  return yearStatus(year, cal) === 'missing'
    ? `calendar for ${year} not yet official (not in the calendar file: every day counted as a working day)`
    : `calendar for ${year} not yet official (statutory holidays only: weekends counted as working days)`;
}

interface DaySets {
  holidays: Set<string>;
  workdays: Set<string>;
}
const setsCache = new WeakMap<WorkingDayCalendar, DaySets>();
function sets(cal: WorkingDayCalendar): DaySets {
  let s = setsCache.get(cal);
  if (!s) {
    s = { holidays: new Set(), workdays: new Set() };
    for (const y of Object.values(cal.years)) {
      y.holidays.forEach((d) => s!.holidays.add(d));
      y.workdays.forEach((d) => s!.workdays.add(d));
    }
    setsCache.set(cal, s);
  }
  return s;
}

/**
 * True when `date` (YYYY-MM-DD) counts as a working day.
 * In a published year: a make-up day, or a weekday that is no holiday. In a year without a notice
 * the count must never come out later than the real one could be, so every day not certainly off
 * counts: a statutory-only year takes only its listed statutory holidays as days off (its weekends
 * may become make-up days), a year not in the file takes none.
 */
export function isWorkingDay(date: string, cal: WorkingDayCalendar): boolean {
  const s = sets(cal);
  const status = yearStatus(date.slice(0, 4), cal);
  if (status === 'missing') return true;
  if (status === 'statutory-only') return !s.holidays.has(date);
  if (s.workdays.has(date)) return true;
  if (s.holidays.has(date)) return false;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

function nextDate(date: string, days = 1): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date `n` working days after `date` (the start day itself is not counted). */
export function addWorkingDays(date: string, n: number, cal: WorkingDayCalendar): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = nextDate(d);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** The calendar date in China (UTC+8, no daylight saving) of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function endOfChinaDay(day: string): Date {
  return new Date(Date.parse(`${day}T23:59:59.999Z`) - SHANGHAI_OFFSET_MS);
}

/** The end (23:59:59.999 China time) of the `n`th working day after the China-time date of `from`. */
export function workingDayDeadline(from: Date, n: number, cal: WorkingDayCalendar): Date {
  return endOfChinaDay(addWorkingDays(shanghaiDate(from), n, cal));
}

/** The end (23:59:59.999 China time) of the `n`th calendar day after the China-time date of `from`. */
export function calendarDayDeadline(from: Date, n: number): Date {
  return endOfChinaDay(nextDate(shanghaiDate(from), n));
}

/** The regulator's outer limit for handling a request: 15 working days (《App违法违规收集使用个人信息行为认定方法》 六.3: a promised time limit may not exceed 15 working days). */
export const REGULATOR_WORKING_DAYS = 15;

/** The shop's promise for handling a request: a number of calendar days, with the policy sentence it comes from. */
export interface DeadlineRule {
  calendarDays: number;
  /** Where the promise is written: policy section id and the sentence, zh and en. */
  source: { sectionId: string; zh: string; en: string };
}

/** A request's deadline: the shop's promise, never later than the regulator's working-day limit. */
export interface RequestDeadline {
  deadline: Date;
  /** Which bound decided: the shop's promise, or the regulator's limit when it comes first. */
  decidedBy: 'policy' | 'regulator';
  /** Years the working-day count reached that have no official notice (counted on the safe side). */
  unofficialYears: number[];
}

/** The deadline for a request made at `from`: the policy's calendar days, capped by 15 working days. */
export function requestDeadline(from: Date, rule: Pick<DeadlineRule, 'calendarDays'>, cal: WorkingDayCalendar): RequestDeadline {
  const promised = calendarDayDeadline(from, rule.calendarDays);
  const regulator = workingDayDeadline(from, REGULATOR_WORKING_DAYS, cal);
  const fromYear = Number(shanghaiDate(from).slice(0, 4));
  const toYear = Number(shanghaiDate(regulator).slice(0, 4));
  const regulatorFirst = regulator.getTime() < promised.getTime();
  return {
    deadline: regulatorFirst ? regulator : promised,
    decidedBy: regulatorFirst ? 'regulator' : 'policy',
    unofficialYears: unofficialYears(fromYear, toYear, cal),
  };
}

/** What ops see about the calendar: each year's status and source, and the years without a notice that a deadline set now (or listed in the file) reaches. */
export function calendarStatus(
  cal: WorkingDayCalendar,
  now: Date,
  rule: Pick<DeadlineRule, 'calendarDays'>,
): { years: { year: number; status: YearStatus; source: string }[]; notOfficial: number[]; warnings: string[] } {
  const years = calendarYears(cal);
  const reached = requestDeadline(now, rule, cal).unofficialYears;
  const currentYear = Number(shanghaiDate(now).slice(0, 4));
  const notOfficial = [...new Set([...reached, ...years.filter((y) => y.status !== 'published' && y.year >= currentYear).map((y) => y.year)])].sort((a, b) => a - b);
  return { years, notOfficial, warnings: notOfficial.map((y) => unofficialYearWarning(y, cal)) };
}
