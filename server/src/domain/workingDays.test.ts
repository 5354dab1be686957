import fs from 'node:fs';
import path from 'node:path';
import { addWorkingDays, calendarStatus, isWorkingDay, parseCalendar, requestDeadline, shanghaiDate, workingDayDeadline, yearStatus } from './workingDays';
import { POLICY_REQUEST_DEADLINE } from '@maison/privacy/contract';

const cal = parseCalendar(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'cn-calendar.json'), 'utf8')));

describe('China working-day calendar', () => {
  it('treats a make-up Sunday as a working day and a holiday weekday as a day off', () => {
    expect(isWorkingDay('2025-01-26', cal)).toBe(true); // Sunday, make-up for Spring Festival
    expect(isWorkingDay('2025-01-28', cal)).toBe(false); // Tuesday, Spring Festival
    expect(isWorkingDay('2025-03-03', cal)).toBe(true); // ordinary Monday
    expect(isWorkingDay('2025-03-08', cal)).toBe(false); // ordinary Saturday
  });

  it('counts 15 working days across the 2025 National Day week', () => {
    // From Fri 26 Sep 2025: Sun 28 Sep is a make-up day, 1–8 Oct are off, Sat 11 Oct works.
    // Working days: 28,29,30 Sep (3), 9,10,11 Oct (6), 13–17 (11), 20–23 (15).
    expect(addWorkingDays('2025-09-26', 15, cal)).toBe('2025-10-23');
  });

  it('counts 15 working days across the 2026 Spring Festival', () => {
    // From Fri 13 Feb 2026: Sat 14 Feb works, 15–23 Feb off, 24–27 (5), Sat 28 Feb (6), 2–6 Mar (11), 9–12 (15).
    expect(addWorkingDays('2026-02-13', 15, cal)).toBe('2026-03-12');
  });

  it('takes the date in China time and ends the deadline at midnight there', () => {
    const at = new Date('2025-03-02T17:00:00Z'); // already Monday 3 March in China
    expect(shanghaiDate(at)).toBe('2025-03-03');
    expect(workingDayDeadline(at, 1, cal).toISOString()).toBe('2025-03-04T15:59:59.999Z');
  });

  it('rejects a malformed calendar', () => {
    expect(() => parseCalendar({ years: { '2025': { status: 'published', notice: { title: 't', number: 'n', date: '2024-11-12' }, holidays: ['2025-13-01x'], workdays: [] } } })).toThrow('bad date');
  });

  it('refuses a year without its status, a published year without its notice, an unofficial year without a source', () => {
    const days = { holidays: [], workdays: [] };
    expect(() => parseCalendar({ years: { '2025': { ...days } } })).toThrow('status');
    expect(() => parseCalendar({ years: { '2025': { status: 'published', ...days } } })).toThrow('notice');
    expect(() => parseCalendar({ years: { '2025': { status: 'published', notice: { title: 't', number: '', date: '2024-11-12' }, ...days } } })).toThrow('notice');
    expect(() => parseCalendar({ years: { '2027': { status: 'statutory-only', ...days } } })).toThrow('source');
    expect(() => parseCalendar({ years: { '2027': { status: 'statutory-only', source: 's', holidays: [], workdays: ['2027-01-02'] } } })).toThrow('make-up');
  });

  it('every year in the file carries its status, and each published year its notice number and date', () => {
    expect(Object.keys(cal.years)).toEqual(expect.arrayContaining(['2024', '2025', '2026', '2027']));
    expect(cal.years['2024'].notice).toEqual({ title: '国务院办公厅关于2024年部分节假日安排的通知', number: '国办发明电〔2023〕7号', date: '2023-10-25' });
    expect(cal.years['2025'].notice?.number).toBe('国办发明电〔2024〕12号');
    expect(cal.years['2026'].notice?.number).toBe('国办发明电〔2025〕7号');
    expect(yearStatus(2027, cal)).toBe('statutory-only');
    expect(yearStatus(2031, cal)).toBe('missing');
  });

  it('counts 2024 from its notice: Spring Festival 10–17 Feb off, Sun 4 and Sun 18 Feb worked', () => {
    expect(isWorkingDay('2024-02-04', cal)).toBe(true);
    expect(isWorkingDay('2024-02-12', cal)).toBe(false);
    expect(isWorkingDay('2024-02-18', cal)).toBe(true);
    expect(addWorkingDays('2024-02-08', 3, cal)).toBe('2024-02-19'); // 9 Feb, 18 Feb, 19 Feb
  });

  it('counts a year without a notice on the safe side: weekends may be make-up days, so they count', () => {
    // 2027 holds statutory days only: Sat 9 Jan 2027 counts as a working day, 1 Jan (statutory) does not.
    expect(isWorkingDay('2027-01-09', cal)).toBe(true);
    expect(isWorkingDay('2027-01-01', cal)).toBe(false);
    // A year not in the file at all: every day counts.
    expect(isWorkingDay('2031-01-04', cal)).toBe(true);
    // 15 working days from Thu 24 Dec 2026: 25, 28–31 Dec (5) in 2026, then 2027 counts every day but 1 Jan → 11 Jan.
    expect(addWorkingDays('2026-12-24', 15, cal)).toBe('2027-01-11');
    // Had 2027 been counted Monday to Friday the date would be later (the unsafe guess).
    const naive = parseCalendar({ ...cal, years: { ...cal.years, '2027': { status: 'published', notice: { title: 't', number: 'n', date: '2026-11-01' }, holidays: ['2027-01-01'], workdays: [] } } });
    expect(addWorkingDays('2026-12-24', 15, naive) > '2027-01-11').toBe(true);
  });

  it("the deadline is the policy's 15 days, never later than 15 working days", () => {
    // A request on Wed 2 Dec 2026 (China time): 15 days → Thu 17 Dec; 15 working days would be 23 Dec.
    const at = new Date('2026-12-02T02:00:00Z');
    const d = requestDeadline(at, POLICY_REQUEST_DEADLINE, cal);
    expect(shanghaiDate(d.deadline)).toBe('2026-12-17');
    expect(d.deadline.toISOString()).toBe('2026-12-17T15:59:59.999Z');
    expect(d.decidedBy).toBe('policy');
    expect(shanghaiDate(workingDayDeadline(at, 15, cal))).toBe('2026-12-23');
    // A configured promise longer than the regulator allows is cut to 15 working days.
    const long = requestDeadline(at, { calendarDays: 40 }, cal);
    expect(long.decidedBy).toBe('regulator');
    expect(shanghaiDate(long.deadline)).toBe('2026-12-23');
  });

  it('reports the years without a notice that a deadline reaches, in words ops read', () => {
    const d = requestDeadline(new Date('2026-12-24T02:00:00Z'), { calendarDays: 15 }, cal);
    expect(d.unofficialYears).toEqual([2027]);
    expect(requestDeadline(new Date('2026-03-02T02:00:00Z'), { calendarDays: 15 }, cal).unofficialYears).toEqual([]);
    const status = calendarStatus(cal, new Date('2026-12-01T02:00:00Z'), { calendarDays: 15 });
    expect(status.notOfficial).toEqual([2027]);
    expect(status.warnings[0]).toContain('calendar for 2027 not yet official');
    expect(status.years.find((y) => y.year === 2026)?.source).toContain('国办发明电〔2025〕7号');
  });
});
