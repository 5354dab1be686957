import fs from 'node:fs';
import path from 'node:path';
import { addWorkingDays, isWorkingDay, parseCalendar, shanghaiDate, workingDayDeadline } from './workingDays';

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
    expect(() => parseCalendar({ years: { '2025': { holidays: ['2025-13-01x'], workdays: [] } } })).toThrow('bad date');
  });
});
