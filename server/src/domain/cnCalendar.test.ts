/**
 * Holds `server/data/cn-calendar.json` against an independent dataset: the `chinese-days` npm package
 * (its own transcription of the State Council General Office notices). For every year both cover,
 * every day of the year must have the same status, and the named holidays and make-up days must agree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isWorkday } from 'chinese-days';
import { isWorkingDay, parseCalendar } from './workingDays';

const cal = parseCalendar(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'cn-calendar.json'), 'utf8')));
const pkgDir = path.dirname(require.resolve('chinese-days/package.json'));

interface PackageYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
function packageYear(year: string): PackageYear | null {
  const file = path.join(pkgDir, 'dist', 'years', `${year}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PackageYear) : null;
}

function daysOf(year: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${year}-01-01T00:00:00Z`); d.getUTCFullYear() === Number(year); d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

const ourYears = Object.keys(cal.years).sort();
const bothCover = ourYears.filter((y) => packageYear(y) !== null);

describe('cn-calendar.json against chinese-days', () => {
  it('compares at least 2024, 2025 and 2026 (the check is never empty)', () => {
    expect(bothCover).toEqual(expect.arrayContaining(['2024', '2025', '2026']));
  });

  it.each(bothCover)('%s: published, with the same status for every day of the year', (year) => {
    // A year the independent data covers has had its notice: the file must hold it as published.
    expect(cal.years[year].status).toBe('published');
    const differing = daysOf(year).filter((d) => isWorkingDay(d, cal) !== isWorkday(d));
    expect(differing).toEqual([]);
  });

  it.each(bothCover)('%s: the same holidays and make-up working days', (year) => {
    const pkg = packageYear(year)!;
    expect([...cal.years[year].holidays].sort()).toEqual(Object.keys(pkg.holidays).sort());
    expect([...cal.years[year].workdays].sort()).toEqual(Object.keys(pkg.workdays).sort());
  });

  it('the check fails on a calendar that differs by one day', () => {
    const broken = parseCalendar(JSON.parse(JSON.stringify(cal)));
    broken.years['2024'].workdays = broken.years['2024'].workdays.filter((d) => d !== '2024-02-18');
    const differing = daysOf('2024').filter((d) => isWorkingDay(d, broken) !== isWorkday(d));
    expect(differing).toEqual(['2024-02-18']);
  });
});
