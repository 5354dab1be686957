/**
 * The request desk (rights requests, API.md "Rights requests"): which types need what, whether a
 * request is still open, and the checks of what the server answers. Pure TypeScript: no platform,
 * no framework imports; times are passed in, never read here.
 */
import {
  CATEGORISED_REQUEST_TYPES,
  DETAILED_REQUEST_TYPES,
  LIMITS,
  OPEN_REQUEST_STATUSES,
  REAUTHENTICATED_REQUEST_TYPES,
  RIGHTS_REQUEST_TYPES,
  type RightsRequestCreate,
  type RightsRequestStatus,
  type RightsRequestType,
} from './contract';
import { FREE_TEXT_PATTERN } from './contract-schemas';
import { LIST_ITEM_ID_PATTERN } from './lists';

const FREE_TEXT = new RegExp(FREE_TEXT_PATTERN);
const ROW_ID = new RegExp(LIST_ITEM_ID_PATTERN);
const LOGIN_CODE = /^[\x21-\x7e]+$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIn = <T extends string>(set: readonly T[], v: unknown): v is T => typeof v === 'string' && (set as readonly string[]).includes(v);

/** The type changes or releases data: asked with a fresh login code of the same WeChat user. */
export const needsLoginCode = (type: RightsRequestType): boolean => REAUTHENTICATED_REQUEST_TYPES.includes(type);
/** The type says what it is about in the shopper's words (`details` required). */
export const needsDetails = (type: RightsRequestType): boolean => DETAILED_REQUEST_TYPES.includes(type);
/** The type is about chosen collection-list rows (`categories` required). */
export const needsCategories = (type: RightsRequestType): boolean => CATEGORISED_REQUEST_TYPES.includes(type);

/** A request still waiting for its answer (received or in progress): the shopper may withdraw it. */
export function isRequestOpen(status: RightsRequestStatus): boolean {
  return OPEN_REQUEST_STATUSES.includes(status);
}

/**
 * Why a request body cannot be sent as it stands (the server's checks, in its words); null when it
 * can. `knownRows`, when given, are the collection-list row ids a category must be one of.
 */
export function rightsRequestProblem(body: unknown, knownRows?: ReadonlySet<string>): string | null {
  if (!isRecord(body)) return 'A request is an object';
  const extra = Object.keys(body).filter((k) => !['type', 'details', 'categories', 'code'].includes(k));
  if (extra.length > 0) return `Unknown fields: ${extra.join(', ')}`;
  if (!isIn(RIGHTS_REQUEST_TYPES, body.type)) return `type must be one of ${RIGHTS_REQUEST_TYPES.join(', ')}`;
  const { type, details, categories, code } = body;
  if (details !== undefined) {
    if (typeof details !== 'string' || details.length === 0) return 'details must be text';
    if (details.length > LIMITS.requestDetailsMaxLength) return `details must be at most ${LIMITS.requestDetailsMaxLength} characters`;
    if (!FREE_TEXT.test(details)) return 'details must not contain control characters';
  }
  if (categories !== undefined) {
    if (!Array.isArray(categories) || categories.length === 0) return 'categories must name at least one row';
    if (categories.length > LIMITS.requestCategoriesMax) return `categories must name at most ${LIMITS.requestCategoriesMax} rows`;
    if (categories.some((c) => typeof c !== 'string' || !ROW_ID.test(c))) return 'categories must be collection-list row ids';
    if (new Set(categories).size !== categories.length) return 'categories must not repeat a row';
  }
  if (code !== undefined && (typeof code !== 'string' || code.length > LIMITS.loginCodeMaxLength || !LOGIN_CODE.test(code))) return 'code must be a login code';
  if (needsDetails(type) && details === undefined) return `A ${type} request says what it is about: details are required`;
  if (needsCategories(type) && categories === undefined) return `A ${type} request names the kinds of data it is about: categories are required`;
  if (needsLoginCode(type) && code === undefined) return `A ${type} request changes or releases your data: a fresh login code is required`;
  if (knownRows && Array.isArray(categories)) {
    const unknown = (categories as string[]).filter((c) => !knownRows.has(c));
    if (unknown.length > 0) return `Not rows of the collection list in force: ${unknown.join(', ')}`;
  }
  return null;
}

/** Why the last call at the desk did not go through, as the page explains it. */
export const REQUEST_DESK_PROBLEMS = Object.freeze([
  /** No answer: the request may or may not have arrived; a retry reuses the same key and body. */
  'network',
  /** 401: sign in again (nothing local is wiped). */
  'sign-in',
  /** WeChat gave no login code, or the server refused it (another WeChat user's). */
  'reauth',
  /** The server is busy or failing for now. */
  'unavailable',
  /** The request was answered meanwhile and can no longer be withdrawn. */
  'conflict',
  /** The server did not accept what was sent (e.g. a row no longer in the list). */
  'invalid',
  'failed',
] as const);
export type RequestDeskProblem = (typeof REQUEST_DESK_PROBLEMS)[number];

/** What keeps a request form from being sent, in the shopper's terms (the texts word each). */
export const REQUEST_FORM_PROBLEMS = Object.freeze(['need-categories', 'need-details', 'details-too-long', 'details-invalid'] as const);
export type RequestFormProblem = (typeof REQUEST_FORM_PROBLEMS)[number];

/** What the shopper filled in: the rows chosen and their own words. */
export interface RequestFormInput {
  details?: string;
  categories?: readonly string[];
}

/**
 * The body of a request (without its login code, taken only once the form is right), or what is
 * missing or wrong. Only what the type is about travels: rows only with a deletion or restriction.
 */
export function requestFormBody(type: RightsRequestType, input: RequestFormInput): { body: RightsRequestCreate } | { problem: RequestFormProblem } {
  const details = input.details?.trim() ?? '';
  const categories = needsCategories(type) ? [...new Set(input.categories ?? [])] : [];
  if (needsCategories(type) && categories.length === 0) return { problem: 'need-categories' };
  if (needsDetails(type) && details === '') return { problem: 'need-details' };
  if (details.length > LIMITS.requestDetailsMaxLength) return { problem: 'details-too-long' };
  if (!FREE_TEXT.test(details)) return { problem: 'details-invalid' };
  const body: RightsRequestCreate = { type };
  if (details !== '') body.details = details;
  if (categories.length > 0) body.categories = categories;
  return { body };
}

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * The end (23:59:59.999 China time) of the `days`th China-time day after `receivedAt`: the policy's
 * promise. The server also caps it at 15 working days, which never comes first for 15 calendar days.
 */
export function calendarDayDeadline(receivedAt: number, days: number): string {
  const day = new Date(receivedAt + CHINA_OFFSET_MS);
  day.setUTCHours(0, 0, 0, 0);
  day.setUTCDate(day.getUTCDate() + days);
  return new Date(day.getTime() + 86_400_000 - 1 - CHINA_OFFSET_MS).toISOString();
}
