import { AGE_REFUSAL_DAYS, ageBand, ageInYears, ageRefusalHolds, ageRefusalLastDay, birthDateProblem, InvalidBirthDateError, mayRegister, needsGuardianConsent, shanghaiDay, shanghaiYearMonth } from './age';

// 15 June 2026, 10:00 in China.
const today = Date.parse('2026-06-15T02:00:00Z');

describe('ageBand', () => {
  it('puts the 14th birthday month on the safe side: under 14 until the month is over', () => {
    expect(ageBand(2012, 7, today)).toBe('under-14'); // turns 14 next month
    expect(ageBand(2012, 6, today)).toBe('under-14'); // birthday this month, day unknown
    expect(ageBand(2012, 5, today)).toBe('14-17'); // 14 since last month
    expect(ageBand(2013, 1, today)).toBe('under-14');
  });

  it('does the same at 18', () => {
    expect(ageBand(2008, 6, today)).toBe('14-17');
    expect(ageBand(2008, 5, today)).toBe('adult');
    expect(ageBand(2009, 1, today)).toBe('14-17');
    expect(ageBand(1990, 12, today)).toBe('adult');
  });

  it('counts months in China time, not UTC', () => {
    // 31 May 2026 20:00 UTC is already 1 June in Shanghai.
    const edge = Date.parse('2026-05-31T20:00:00Z');
    expect(shanghaiYearMonth(edge)).toEqual({ year: 2026, month: 6 });
    expect(ageBand(2012, 5, edge)).toBe('14-17');
    expect(ageBand(2012, 5, Date.parse('2026-05-31T15:00:00Z'))).toBe('under-14');
  });

  it('says what each band may do', () => {
    expect(mayRegister('under-14')).toBe(false);
    expect(mayRegister('14-17')).toBe(true);
    expect(needsGuardianConsent('14-17')).toBe(true);
    expect(needsGuardianConsent('adult')).toBe(false);
  });

  it('treats a shopper born this month as 0, not negative', () => {
    expect(ageInYears(2026, 6, today)).toBe(0);
  });
});

describe('birth date validation', () => {
  it.each([
    [2026, 7, 'in-the-future'],
    [2030, 1, 'in-the-future'],
    [1900, 1, 'implausibly-old'],
    [2000, 0, 'month-out-of-range'],
    [2000, 13, 'month-out-of-range'],
    [2000.5, 1, 'not-a-number'],
    [Number.NaN, 1, 'not-a-number'],
  ])('refuses %p-%p as %s', (year, month, problem) => {
    expect(birthDateProblem(year, month, today)).toBe(problem);
    expect(() => ageBand(year, month, today)).toThrow(InvalidBirthDateError);
    try {
      ageBand(year, month, today);
    } catch (err) {
      expect((err as InvalidBirthDateError).problem).toBe(problem);
      expect((err as Error).name).toBe('InvalidBirthDateError');
    }
  });

  it('accepts the current month and the oldest plausible year', () => {
    expect(birthDateProblem(2026, 6, today)).toBeNull();
    expect(birthDateProblem(1906, 1, today)).toBeNull();
  });
});

describe('how long an "under 14" answer holds', () => {
  it('holds AGE_REFUSAL_DAYS days in China time, the day itself included', () => {
    expect(AGE_REFUSAL_DAYS).toBe(30);
    // 23:30 UTC is already the next day in Shanghai.
    expect(shanghaiDay(Date.parse('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(ageRefusalLastDay('2026-03-02')).toBe('2026-03-31');
    expect(ageRefusalHolds('2026-03-02', Date.parse('2026-03-31T15:59:59Z'))).toBe(true);
    expect(ageRefusalHolds('2026-03-02', Date.parse('2026-03-31T16:00:00Z'))).toBe(false);
    // A day written in the future (a clock set back) does not hold.
    expect(ageRefusalHolds('2026-03-02', Date.parse('2026-03-01T00:00:00Z'))).toBe(false);
  });
});
