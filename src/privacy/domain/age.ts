/**
 * Age from the birth year and month the policy collects, and the band that decides what a
 * shopper may do: under 14 no account, 14–17 a guardian's consent, adults on their own.
 */

/** Closed set of age bands. */
export const AGE_BANDS = Object.freeze(['under-14', '14-17', 'adult'] as const);
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * Below this age no account is opened and nothing is stored. PIPL art. 31 would allow processing a
 * child's information with a guardian's consent; the module keeps the stricter rule policies of
 * shops commonly state (no use of the platform under 14).
 */
export const MIN_ACCOUNT_AGE = 14;
/**
 * From this age no guardian's consent is needed. Stricter than PIPL art. 31, which asks a
 * guardian's consent under 14 only: from 14 to 17 the module records the guardian's consent too,
 * as policies that ask a parent's consent for minors promise.
 */
export const ADULT_AGE = 18;
/** Oldest age accepted as plausible input. */
export const MAX_PLAUSIBLE_AGE = 120;

/** Why a birth year and month were refused. */
export const BIRTH_DATE_PROBLEMS = Object.freeze(['not-a-number', 'month-out-of-range', 'in-the-future', 'implausibly-old'] as const);
export type BirthDateProblem = (typeof BIRTH_DATE_PROBLEMS)[number];

/** Raised for a birth date that cannot be a shopper's. */
export class InvalidBirthDateError extends Error {
  override name = 'InvalidBirthDateError';
  constructor(readonly problem: BirthDateProblem) {
    super(`Invalid birth date: ${problem}`);
  }
}

/** A calendar month. */
export interface YearMonth {
  year: number;
  /** 1–12. */
  month: number;
}

// China has one time zone and no daylight saving: Asia/Shanghai is UTC+8 all year.
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** The year and month in China (Asia/Shanghai) at an instant. */
export function shanghaiYearMonth(at: Date | number): YearMonth {
  const d = new Date((typeof at === 'number' ? at : at.getTime()) + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** Returns why a birth year/month is unacceptable at `today`, or null when it is fine. */
export function birthDateProblem(birthYear: number, birthMonth: number, today: Date | number): BirthDateProblem | null {
  if (!Number.isInteger(birthYear) || !Number.isInteger(birthMonth)) return 'not-a-number';
  if (birthMonth < 1 || birthMonth > 12) return 'month-out-of-range';
  const now = shanghaiYearMonth(today);
  if (birthYear > now.year || (birthYear === now.year && birthMonth > now.month)) return 'in-the-future';
  if (now.year - birthYear > MAX_PLAUSIBLE_AGE) return 'implausibly-old';
  return null;
}

/**
 * Completed years at `today`. Without the day of birth, the birthday is taken to fall at the end
 * of the birth month: a shopper is never treated as older than they may be.
 */
export function ageInYears(birthYear: number, birthMonth: number, today: Date | number): number {
  const problem = birthDateProblem(birthYear, birthMonth, today);
  if (problem !== null) throw new InvalidBirthDateError(problem);
  const now = shanghaiYearMonth(today);
  return Math.max(0, now.year - birthYear - (now.month <= birthMonth ? 1 : 0));
}

/** The age band of a shopper born in `birthYear`/`birthMonth`; throws InvalidBirthDateError on bad input. */
export function ageBand(birthYear: number, birthMonth: number, today: Date | number): AgeBand {
  const age = ageInYears(birthYear, birthMonth, today);
  if (age < MIN_ACCOUNT_AGE) return 'under-14';
  if (age < ADULT_AGE) return '14-17';
  return 'adult';
}

/** True when the band needs a guardian's consent before registration. */
export function needsGuardianConsent(band: AgeBand): boolean {
  return band === '14-17';
}

/** True when the band may open an account at all. */
export function mayRegister(band: AgeBand): boolean {
  return band !== 'under-14';
}

/**
 * How long an "under 14" answer holds on the device, in days. Within it the age step is not asked
 * again: a reload, or another answer, does not undo it. Long enough that answering again with
 * another year is no way around it during a visit or the weeks after; short enough that this record
 * about a child is kept no longer than that purpose needs, and that a wrong answer keeps nobody
 * out for long (the shop's customer service helps meanwhile). Only the day of the refusal is
 * kept, never the birth date.
 */
export const AGE_REFUSAL_DAYS = 30;

/** The day (China time, `YYYY-MM-DD`) of an instant, as a refusal records it. */
export function shanghaiDay(at: Date | number): string {
  return new Date((typeof at === 'number' ? at : at.getTime()) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last day (`YYYY-MM-DD`) an "under 14" refusal of `refusedOn` holds. */
export function ageRefusalLastDay(refusedOn: string): string {
  return new Date(Date.parse(`${refusedOn}T00:00:00Z`) + (AGE_REFUSAL_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** True while a refusal of `refusedOn` holds at `today` (it holds `AGE_REFUSAL_DAYS` days, the day itself included). */
export function ageRefusalHolds(refusedOn: string, today: Date | number): boolean {
  const day = shanghaiDay(today);
  return day >= refusedOn && day <= ageRefusalLastDay(refusedOn);
}
