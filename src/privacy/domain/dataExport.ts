/**
 * "Download a copy of my data": the server's export read back, a summary a shopper can read
 * (their language, China time, each part named as the collection list names it), and the file
 * they keep. Pure TypeScript: the words (the texts), the list and the clock's reading are passed in.
 */
import { formatChinaTime } from './chinaTime';
import { consentHistory, purposeWords, type HistoryTexts, type PurposeLabels } from './history';
import {
  CANCELLATION_STATUSES,
  CAPABILITIES,
  PURPOSE_PATTERN,
  CONSENT_VALUES,
  PERMISSION_VALUES,
  RIGHTS_REQUEST_STATUSES,
  RIGHTS_REQUEST_TYPES,
  isLedgerEvent,
  type CancellationStatus,
  type Capability,
  type ConsentPurpose,
  type ConsentValue,
  type Lang,
  type LedgerEvent,
  type PermissionValue,
  type RightsRequestStatus,
  type RightsRequestType,
} from './contract';
import type { CollectionItem } from './lists';

/** The export as the server sends it (`GET /v1/me/export`), checked field by field. */
export interface DataExport {
  exportedAt: string;
  profile: { userId?: string; createdAt?: string; lastLoginAt?: string; nickname?: string; phone?: string };
  sessions: { createdAt?: string; expiresAt?: string; revoked?: boolean }[];
  consents: {
    state: {
      policy: { value: string; version: number; at: string } | null;
      consents: Partial<Record<ConsentPurpose, { value: ConsentValue; at: string }>>;
      permissions: Record<string, Partial<Record<Capability, { value: PermissionValue; at: string }>>>;
    };
    events: LedgerEvent[];
  };
  cancellationRequests: { status: CancellationStatus; requestedAt: string; coolingOffEndsAt: string; completedAt?: string | null; reason?: string | null }[];
  /** The request desk's requests (absent from a server older than the desk: none). */
  rightsRequests: { type: RightsRequestType; status: RightsRequestStatus; receivedAt: string; deadline: string; details: string | null; decidedAt: string | null }[];
  /** The collection list row by row: held by the server (in the file), or not, and why (absent from a server older than it: null). */
  rows: ExportRowIndex | null;
  /** True only when the server said the file holds all it keeps (absent: false). */
  complete: boolean;
}

/** The export's index by collection-list row. */
export interface ExportRowIndex {
  held: { id: string; category: { zh: string; en: string }; parts: string[] }[];
  notHeld: { id: string; category: { zh: string; en: string }; where: string; why: { zh: string; en: string } }[];
}

/** The server's export did not have the expected shape: nothing is shown or saved from it. */
export class DataExportFormatError extends Error {
  override readonly name = 'DataExportFormatError';
  constructor(readonly field: string) {
    super(`The data export is not in the expected format (${field})`);
  }
}

/** One labelled line of the summary. */
export interface ExportSummaryLine {
  label: string;
  value: string;
}

/** One part of the summary, named after the collection list row it belongs to. */
export interface ExportSummarySection {
  /** The collection list row's id. */
  id: string;
  title: string;
  lines: ExportSummaryLine[];
}

/** What the shopper reads before keeping the file. */
export interface ExportSummary {
  lang: Lang;
  exportedAt: string;
  sections: ExportSummarySection[];
}

/** The collection list rows the export's parts belong to, in the order shown. */
export const EXPORT_SECTION_ROWS = Object.freeze({
  account: 'wechat-identifiers',
  decisions: 'authorisation-records',
  cancellation: 'account-cancellation',
} as const);

/** The id of the summary's last part (every row of the list), which is no row itself. */
export const EXPORT_COVERAGE = 'coverage';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIso = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isIn = <T extends string>(set: readonly T[], v: unknown): v is T => typeof v === 'string' && (set as readonly string[]).includes(v);

function optionalIso(o: Record<string, unknown>, key: string, where: string): string | undefined {
  if (o[key] === undefined || o[key] === null) return undefined;
  if (!isIso(o[key])) throw new DataExportFormatError(`${where}.${key}`);
  return o[key];
}

const PURPOSE_RE = new RegExp(PURPOSE_PATTERN);

function decisions<K extends string, V extends string>(raw: unknown, keys: readonly K[] | RegExp, values: readonly V[], where: string): Partial<Record<K, { value: V; at: string }>> {
  if (!isObject(raw)) throw new DataExportFormatError(where);
  const out: Partial<Record<K, { value: V; at: string }>> = {};
  for (const [key, d] of Object.entries(raw)) {
    if (!(keys instanceof RegExp ? keys.test(key) : isIn(keys, key)) || !isObject(d) || !isIn(values, d.value) || !isIso(d.at)) throw new DataExportFormatError(`${where}.${key}`);
    out[key as K] = { value: d.value, at: d.at };
  }
  return out;
}

/** Reads the server's export; throws `DataExportFormatError` naming the first field that does not fit. */
export function parseDataExport(raw: unknown): DataExport {
  if (!isObject(raw)) throw new DataExportFormatError('export');
  if (!isIso(raw.exportedAt)) throw new DataExportFormatError('exportedAt');
  if (!isObject(raw.profile)) throw new DataExportFormatError('profile');
  const profile: DataExport['profile'] = {
    ...(typeof raw.profile.userId === 'string' ? { userId: raw.profile.userId } : {}),
    createdAt: optionalIso(raw.profile, 'createdAt', 'profile'),
    lastLoginAt: optionalIso(raw.profile, 'lastLoginAt', 'profile'),
    ...(typeof raw.profile.nickname === 'string' ? { nickname: raw.profile.nickname } : {}),
    ...(typeof raw.profile.phone === 'string' ? { phone: raw.profile.phone } : {}),
  };
  if (!Array.isArray(raw.sessions)) throw new DataExportFormatError('sessions');
  const sessions = raw.sessions.map((s, i) => {
    if (!isObject(s)) throw new DataExportFormatError(`sessions[${i}]`);
    return { createdAt: optionalIso(s, 'createdAt', `sessions[${i}]`), expiresAt: optionalIso(s, 'expiresAt', `sessions[${i}]`), revoked: s.revoked === true };
  });
  if (!isObject(raw.consents) || !isObject(raw.consents.state) || !Array.isArray(raw.consents.events)) throw new DataExportFormatError('consents');
  const state = raw.consents.state;
  let policy: DataExport['consents']['state']['policy'] = null;
  if (state.policy !== null && state.policy !== undefined) {
    const p = state.policy;
    if (!isObject(p) || typeof p.value !== 'string' || typeof p.version !== 'number' || !isIso(p.at)) throw new DataExportFormatError('consents.state.policy');
    policy = { value: p.value, version: p.version, at: p.at };
  }
  const consents = decisions<string, (typeof CONSENT_VALUES)[number]>(state.consents ?? {}, PURPOSE_RE, CONSENT_VALUES, 'consents.state.consents');
  if (!isObject(state.permissions ?? {})) throw new DataExportFormatError('consents.state.permissions');
  const permissions: DataExport['consents']['state']['permissions'] = {};
  for (const [device, perDevice] of Object.entries((state.permissions ?? {}) as Record<string, unknown>)) {
    permissions[device] = decisions(perDevice, CAPABILITIES, PERMISSION_VALUES, `consents.state.permissions.${device}`);
  }
  const events = raw.consents.events.map((e, i) => {
    // Stored events carry the server's own sequence and receipt time beside the event itself.
    const { seq: _seq, receivedAt: _receivedAt, ...event } = isObject(e) ? e : { seq: undefined, receivedAt: undefined };
    if (!isLedgerEvent(event)) throw new DataExportFormatError(`consents.events[${i}]`);
    return event;
  });
  if (!Array.isArray(raw.cancellationRequests)) throw new DataExportFormatError('cancellationRequests');
  const cancellationRequests = raw.cancellationRequests.map((c, i) => {
    if (!isObject(c) || !isIn(CANCELLATION_STATUSES, c.status) || !isIso(c.requestedAt) || !isIso(c.coolingOffEndsAt)) throw new DataExportFormatError(`cancellationRequests[${i}]`);
    return {
      status: c.status,
      requestedAt: c.requestedAt,
      coolingOffEndsAt: c.coolingOffEndsAt,
      completedAt: optionalIso(c, 'completedAt', `cancellationRequests[${i}]`) ?? null,
      reason: typeof c.reason === 'string' && c.reason.trim() !== '' ? c.reason : null,
    };
  });
  const rawRequests = raw.rightsRequests ?? [];
  if (!Array.isArray(rawRequests)) throw new DataExportFormatError('rightsRequests');
  const rightsRequests = rawRequests.map((r, i) => {
    const at = `rightsRequests[${i}]`;
    if (!isObject(r) || !isIn(RIGHTS_REQUEST_TYPES, r.type) || !isIn(RIGHTS_REQUEST_STATUSES, r.status) || !isIso(r.receivedAt) || !isIso(r.deadline)) throw new DataExportFormatError(at);
    if (r.details !== null && r.details !== undefined && typeof r.details !== 'string') throw new DataExportFormatError(at);
    return { type: r.type, status: r.status, receivedAt: r.receivedAt, deadline: r.deadline, details: typeof r.details === 'string' ? r.details : null, decidedAt: optionalIso(r, 'decidedAt', at) ?? null };
  });
  const rows = raw.rows === undefined ? null : parseRows(raw.rows);
  return {
    exportedAt: raw.exportedAt,
    profile,
    sessions,
    consents: { state: { policy, consents, permissions }, events },
    cancellationRequests,
    rightsRequests,
    rows,
    complete: raw.complete === true,
  };
}

const isBilingual = (v: unknown): v is { zh: string; en: string } => isObject(v) && typeof v.zh === 'string' && typeof v.en === 'string';

function parseRows(raw: unknown): ExportRowIndex {
  if (!isObject(raw) || !Array.isArray(raw.held) || !Array.isArray(raw.notHeld)) throw new DataExportFormatError('rows');
  const held = raw.held.map((r, i) => {
    if (!isObject(r) || typeof r.id !== 'string' || !isBilingual(r.category) || !Array.isArray(r.parts) || r.parts.some((p) => typeof p !== 'string')) throw new DataExportFormatError(`rows.held[${i}]`);
    return { id: r.id, category: { zh: r.category.zh, en: r.category.en }, parts: r.parts as string[] };
  });
  const notHeld = raw.notHeld.map((r, i) => {
    if (!isObject(r) || typeof r.id !== 'string' || !isBilingual(r.category) || typeof r.where !== 'string' || !isBilingual(r.why)) throw new DataExportFormatError(`rows.notHeld[${i}]`);
    return { id: r.id, category: { zh: r.category.zh, en: r.category.en }, where: r.where, why: { zh: r.why.zh, en: r.why.en } };
  });
  return { held, notHeld };
}

/** The summary's words (the texts' `export` screen has them, beside the centre's own). */
export interface ExportSummaryWords {
  created: string;
  lastLogin: string;
  sessions: string;
  sessionCount: (all: number, active: number) => string;
  policy: string;
  policyAccepted: (version: number) => string;
  policyNot: string;
  consent: { readonly [V in ConsentValue]: string };
  permission: { readonly [V in PermissionValue]: string };
  /** After a permission's label when the export holds several devices. */
  device: (n: number) => string;
  /** After a decision: when it was taken. */
  at: (when: string) => string;
  history: string;
  historyCount: (n: number) => string;
  noCancellation: string;
  none: string;
  requested: (when: string) => string;
  coolingOff: (when: string) => string;
  completed: (when: string) => string;
  reason: (reason: string) => string;
  /** Between the parts of a cancellation request's line. */
  separator: string;
  /** The last part's title: every row of the collection list, held or not. */
  coverage: string;
  /** A row the server holds: it is in the file. */
  inFile: string;
  /** The file does not hold all the server keeps. */
  incomplete: string;
  nickname: string;
  phone: string;
  notGiven: string;
}

/** The texts a summary is written with (a language's texts have them). */
export interface ExportSummaryTexts extends HistoryTexts {
  export: ExportSummaryWords;
  common: HistoryTexts['common'] & { cancellationStatus: { readonly [S in CancellationStatus]: string } };
}

/** A label starts with a capital (a purpose's words may be mid-sentence words: "the privacy policy"). */
const capitalise = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/**
 * The summary of an export in the shopper's language: account, decisions and cancellation
 * requests, each under the title the collection list gives its row, every time in China time.
 * `now` (ISO) is when the export is shown, used to tell active sign-ins from expired ones.
 */
export function summariseDataExport(
  data: DataExport,
  texts: ExportSummaryTexts,
  lang: Lang,
  collectionList: readonly CollectionItem[],
  now: string,
  labels: PurposeLabels = {},
): ExportSummary {
  const w = texts.export;
  const title = (rowId: string): string => {
    const row = collectionList.find((r) => r.id === rowId);
    if (!row) throw new Error(`collection list has no row ${rowId}`);
    return row.category[lang];
  };
  // A purpose or capability with its own row is named as that row; the others as the consent catalogue words them.
  const named = (purpose: ConsentPurpose | Capability): string =>
    collectionList.find((r) => r.id === purpose)?.category[lang] ?? capitalise(purposeWords(purpose, texts.history, lang, labels));
  const time = (iso: string) => formatChinaTime(iso, texts.common.time);

  const account: ExportSummaryLine[] = [];
  if (data.profile.createdAt) account.push({ label: w.created, value: time(data.profile.createdAt) });
  if (data.profile.lastLoginAt) account.push({ label: w.lastLogin, value: time(data.profile.lastLoginAt) });
  const nowMs = Date.parse(now);
  const active = data.sessions.filter((s) => !s.revoked && (s.expiresAt === undefined || Date.parse(s.expiresAt) > nowMs)).length;
  account.push({ label: w.sessions, value: w.sessionCount(data.sessions.length, active) });

  const { state, events } = data.consents;
  const decided: ExportSummaryLine[] = [
    {
      label: w.policy,
      value: state.policy?.value === 'accepted' ? `${w.policyAccepted(state.policy.version)}${w.at(time(state.policy.at))}` : w.policyNot,
    },
  ];
  // The app's consents in its declared order, then any other the server holds.
  const purposes = [...Object.keys(labels).filter((p) => state.consents[p]), ...Object.keys(state.consents).filter((p) => !Object.prototype.hasOwnProperty.call(labels, p))];
  for (const purpose of purposes) {
    const d = state.consents[purpose];
    if (d) decided.push({ label: named(purpose), value: `${w.consent[d.value]}${w.at(time(d.at))}` });
  }
  const devices = Object.keys(state.permissions);
  devices.forEach((device, i) => {
    for (const capability of CAPABILITIES) {
      const d = state.permissions[device]?.[capability];
      if (!d) continue;
      const label = `${named(capability)}${devices.length > 1 ? w.device(i + 1) : ''}`;
      decided.push({ label, value: `${w.permission[d.value]}${w.at(time(d.at))}` });
    }
  });
  decided.push({ label: w.history, value: w.historyCount(events.length) });
  for (const line of consentHistory(events, texts, lang, labels)) decided.push({ label: line.when, value: line.text });

  const cancellation: ExportSummaryLine[] = data.cancellationRequests.length
    ? data.cancellationRequests.map((c) => ({
        label: texts.common.cancellationStatus[c.status],
        value: [
          w.requested(time(c.requestedAt)),
          c.status === 'pending' ? w.coolingOff(time(c.coolingOffEndsAt)) : null,
          c.completedAt ? w.completed(time(c.completedAt)) : null,
          c.reason ? w.reason(c.reason) : null,
        ]
          .filter((part): part is string => part !== null)
          .join(w.separator),
      }))
    : [{ label: w.noCancellation, value: w.none }];

  const sections: ExportSummarySection[] = [
    { id: EXPORT_SECTION_ROWS.account, title: title(EXPORT_SECTION_ROWS.account), lines: account },
  ];
  // The profile details the shopper gave, each under the row the server files it under.
  const given = (value: string | undefined) => (value ? value : w.notGiven);
  const profileParts: [string, string, string | undefined][] = [
    ['online-identifiers', w.nickname, data.profile.nickname],
    ['registration', w.phone, data.profile.phone],
  ];
  for (const [rowId, label, value] of profileParts) {
    // Without the server's index, only a value actually given is shown.
    const heldHere = data.rows ? data.rows.held.some((r) => r.id === rowId && r.parts.some((p) => p.startsWith('/profile/'))) : Boolean(value);
    const row = collectionList.find((r) => r.id === rowId);
    if (heldHere && row && value !== undefined) sections.push({ id: rowId, title: row.category[lang], lines: [{ label, value: given(value) }] });
  }
  sections.push(
    { id: EXPORT_SECTION_ROWS.decisions, title: title(EXPORT_SECTION_ROWS.decisions), lines: decided },
    { id: EXPORT_SECTION_ROWS.cancellation, title: title(EXPORT_SECTION_ROWS.cancellation), lines: cancellation },
  );
  // Every row of the list: held (in the file) or not, with the server's reason.
  const coverage: ExportSummaryLine[] = [];
  if (!data.complete) coverage.push({ label: w.incomplete, value: '' });
  if (data.rows) {
    for (const r of data.rows.held) coverage.push({ label: r.category[lang], value: w.inFile });
    for (const r of data.rows.notHeld) coverage.push({ label: r.category[lang], value: r.why[lang] });
  }
  if (coverage.length > 0) sections.push({ id: EXPORT_COVERAGE, title: w.coverage, lines: coverage });
  return { lang, exportedAt: time(data.exportedAt), sections };
}

/** The file's name: `<prefix>-YYYY-MM-DD.json`, the date in China time. */
export function dataExportFileName(exportedAt: string, prefix = 'my-data'): string {
  const ms = Date.parse(exportedAt);
  if (Number.isNaN(ms)) throw new DataExportFormatError('exportedAt');
  const d = new Date(ms + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${prefix}-${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}.json`;
}

/**
 * The file's content: the readable summary first (what the shopper reads), then everything the
 * server holds, as it sent it (for another service, or a complaint).
 */
export function dataExportFileContent(summary: ExportSummary, raw: unknown): string {
  return `${JSON.stringify({ summary, data: raw }, null, 2)}\n`;
}
