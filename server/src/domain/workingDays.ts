/** One year of China's working-day calendar as published by the State Council. */
export interface CalendarYear {
  status: 'published' | 'statutory-only';
  source: string;
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
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** Checks the calendar's shape and returns it typed. */
export function parseCalendar(raw: unknown): WorkingDayCalendar {
  if (typeof raw !== 'object' || raw === null) throw new CalendarError('calendar is not an object');
  const years = (raw as { years?: unknown }).years;
  if (typeof years !== 'object' || years === null) throw new CalendarError('calendar has no years');
  for (const [year, y] of Object.entries(years as Record<string, CalendarYear>)) {
    for (const key of ['holidays', 'workdays'] as const) {
      if (!Array.isArray(y[key])) throw new CalendarError(`${year}.${key} is not a list`);
      for (const d of y[key]) {
        if (typeof d !== 'string' || !DATE_RE.test(d) || !d.startsWith(year)) throw new CalendarError(`${year}.${key}: bad date ${String(d)}`);
      }
    }
  }
  return raw as WorkingDayCalendar;
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

/** True when `date` (YYYY-MM-DD) is a working day: a make-up day, or a weekday that is no holiday. */
export function isWorkingDay(date: string, cal: WorkingDayCalendar): boolean {
  const s = sets(cal);
  if (s.workdays.has(date)) return true;
  if (s.holidays.has(date)) return false;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
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

/** The end (23:59:59.999 China time) of the `n`th working day after the China-time date of `from`. */
export function workingDayDeadline(from: Date, n: number, cal: WorkingDayCalendar): Date {
  const day = addWorkingDays(shanghaiDate(from), n, cal);
  return new Date(Date.parse(`${day}T23:59:59.999Z`) - SHANGHAI_OFFSET_MS);
}
