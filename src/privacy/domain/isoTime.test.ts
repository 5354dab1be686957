import fc from 'fast-check';
import { isCanonicalIsoTime } from './isoTime';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Strings of the shape YYYY-MM-DDTHH:mm:ss.sssZ with every field over and beyond its range. */
const shaped = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 }))
  .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);

/** What the fast path must mean: a time Date.parse reads and toISOString writes back the same. */
const writtenByToIsoString = (s: string) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s;

describe('isCanonicalIsoTime', () => {
  it('is true for every time toISOString writes (years 0000 to 9999)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), (d) => isCanonicalIsoTime(d.toISOString())),
      { numRuns: 2000 },
    );
  });

  it('is true exactly for the strings toISOString would write, whatever their fields hold', () => {
    fc.assert(fc.property(shaped, (s) => isCanonicalIsoTime(s) === writtenByToIsoString(s)), { numRuns: 5000 });
  });

  it.each([
    ['Feb 29 of a common year', '2023-02-29T00:00:00.000Z'],
    ['Feb 29 of a century year', '2100-02-29T00:00:00.000Z'],
    ['April 31', '2026-04-31T00:00:00.000Z'],
    ['24:00', '2026-01-01T24:00:00.000Z'],
    ['no milliseconds', '2026-01-01T00:00:00Z'],
    ['an offset', '2026-01-01T00:00:00.000+08:00'],
    ['a date alone', '2026-01-01'],
    ['lowercase t and z', '2026-01-01t00:00:00.000z'],
    ['an extended year', '+002026-01-01T00:00:00.000Z'],
    ['full-width digits', '２０２６-01-01T00:00:00.000Z'],
    ['a leading space', ' 2026-01-01T00:00:00.000Z'],
  ])('leaves %s to Date.parse', (_name, s) => {
    expect(isCanonicalIsoTime(s)).toBe(false);
  });

  it('reads Feb 29 of leap years', () => {
    expect(isCanonicalIsoTime('2024-02-29T23:59:59.999Z')).toBe(true);
    expect(isCanonicalIsoTime('2000-02-29T00:00:00.000Z')).toBe(true);
  });
});
