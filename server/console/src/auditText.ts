/**
 * The audit log read as sentences: "who did what to which version or request", in the console's
 * language, with the entry's details as labelled fields (times in China time). Pure: the audit
 * page draws it, and the server's CSV export (`GET /v1/admin/audit.csv`) writes the same words.
 */
import type { AuditPage } from '@maison/privacy/contract';
import { chinaTimeText } from './chinaTime';
import { TEXTS, translate, type ConsoleLang, type TextKey } from './texts';

export type AuditEntry = AuditPage['entries'][number];

/** One labelled detail of an entry. */
export interface AuditField {
  /** The detail's key in the stored entry (`reason`, `effectiveAt`…), for tests and styling. */
  key: string;
  label: string;
  value: string;
}

/** An entry as people read it. */
export interface AuditText {
  /** Who acted, by name (`alice`, `The system`). */
  who: string;
  /** The kind of action in words (the filter's option). */
  action: string;
  sentence: string;
  fields: AuditField[];
  /** The policy version the entry concerns, for a link to its page. */
  version: number | null;
}

type Details = Record<string, unknown>;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const has = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);
const textKey = (lang: ConsoleLang, key: string): key is TextKey => has(TEXTS[lang], key);

/** The name of whoever acted: an ops token's name without `ops:`, the system, the command line. */
export function actorName(actor: string, lang: ConsoleLang): string {
  if (actor.startsWith('ops:')) return actor.slice(4);
  if (actor === 'system') return translate(lang, 'who.system');
  if (actor === 'cli') return translate(lang, 'who.cli');
  if (actor === 'anonymous') return translate(lang, 'who.anonymous');
  return actor;
}

/** An audit action in words; an action this console does not know, as it is. */
export function actionLabel(action: string, lang: ConsoleLang): string {
  const key = `audit.action.${action}`;
  return textKey(lang, key) ? translate(lang, key) : action;
}

const versionOf = (target: string | null): number | null => {
  const m = /^policy:(\d+)$/.exec(target ?? '');
  return m ? Number(m[1]) : null;
};
const idOf = (target: string | null, kind: string): string => (target?.startsWith(`${kind}:`) ? target.slice(kind.length + 1) : '');
const short = (id: string): string => id.slice(0, 8);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The entry as a sentence and labelled fields, in `lang`. */
export function describeAudit(entry: AuditEntry, lang: ConsoleLang): AuditText {
  const t = (key: TextKey, ...args: (string | number)[]) => translate(lang, key, ...args);
  const pick = (prefix: string, value: unknown): string => {
    const key = `${prefix}${String(value)}`;
    return textKey(lang, key) ? translate(lang, key) : String(value);
  };
  const d: Details = entry.details ?? {};
  const who = actorName(entry.actor, lang);
  // In Chinese a Latin name is set off from the verb that follows it by a space. "the system"
  // opens the sentence capitalised (a token's name is kept as it is).
  const generic = entry.actor === 'system' || entry.actor === 'cli' || entry.actor === 'anonymous';
  const subject = lang === 'zh' && /[A-Za-z0-9)]$/.test(who) ? `${who} ` : generic ? who.charAt(0).toUpperCase() + who.slice(1) : who;
  const version = versionOf(entry.target);
  const v = version ?? '?';
  const yesNo = (b: unknown) => (b === true ? t('yes') : b === false ? t('no') : '—');
  const count = (one: TextKey, many: TextKey, n: number) => (n === 1 ? t(one) : t(many, n));
  const fields: AuditField[] = [];
  const used = new Set<string>();
  const field = (key: string, label: TextKey, value: string | null) => {
    used.add(key);
    if (value !== null && value !== '') fields.push({ key, label: t(label), value });
  };
  const time = (key: string, label: TextKey) => field(key, label, str(d[key]) ? chinaTimeText(lang, str(d[key])) : null);
  const length = (x: unknown): string | null => (Array.isArray(x) ? String(x.length) : num(x) !== null ? String(num(x)) : null);

  let sentence: string;
  switch (entry.action) {
    case 'policy.seed':
      sentence = t('audit.s.policy.seed', subject, v);
      break;
    case 'policy.draft.create':
      sentence = t('audit.s.policy.draft.create', subject, v);
      field('source', 'audit.f.source', d.source === undefined ? null : pick('audit.v.source.', d.source));
      break;
    case 'policy.draft.update':
      sentence = t('audit.s.policy.draft.update', subject, v);
      break;
    case 'policy.publish':
      sentence = t(d.material === true ? 'audit.s.policy.publish.material' : 'audit.s.policy.publish.minor', subject, v);
      field('material', 'audit.f.material', yesNo(d.material));
      field('changedSections', 'audit.f.changedSections', length(d.changedSections));
      field('materialChanges', 'audit.f.materialChanges', length(d.materialChanges));
      field('gaps', 'audit.f.gaps', length(d.gaps));
      break;
    case 'policy.publish.override':
      sentence = t('audit.s.policy.publish.override', subject, v);
      field('reason', 'audit.f.reason', str(d.reason));
      field('material', 'audit.f.material', yesNo(d.material));
      field('against', 'audit.f.against', num(d.against) !== null ? `v${num(d.against)}` : null);
      field('materialChanges', 'audit.f.materialChanges', length(d.materialChanges));
      field('gaps', 'audit.f.gaps', length(d.gaps));
      break;
    case 'policy.activate': {
      const effective = str(d.effectiveAt);
      // Activated "now" takes effect the moment it is recorded; a later time is a schedule.
      const scheduled = effective !== null && Date.parse(effective) - Date.parse(entry.at) > 60_000;
      sentence = scheduled ? t('audit.s.policy.schedule', subject, v, chinaTimeText(lang, effective)) : t('audit.s.policy.activate', subject, v);
      time('effectiveAt', 'audit.f.effectiveAt');
      break;
    }
    case 'lists.update':
      sentence = t('audit.s.lists.update', subject, pick('audit.v.kind.', d.kind), v, count('audit.entries.one', 'audit.entries.many', num(d.entries) ?? 0));
      field('kind', 'audit.f.kind', d.kind === undefined ? null : pick('audit.v.kind.', d.kind));
      field('entries', 'audit.f.entries', length(d.entries));
      break;
    case 'privacy-guide.filed':
      sentence = t('audit.s.privacy-guide.filed', subject, v);
      field('dataTypes', 'audit.f.dataTypes', length(d.dataTypes));
      break;
    case 'request.decide': {
      const id = short(idOf(entry.target, 'request'));
      const type = pick('requests.type.', d.type);
      sentence = t(d.outcome === 'refused' ? 'audit.s.request.refused' : 'audit.s.request.fulfilled', subject, id, type);
      field('type', 'audit.f.requestType', d.type === undefined ? null : type);
      field('outcome', 'audit.f.outcome', d.outcome === undefined ? null : pick('requests.status.', d.outcome));
      used.add('request');
      fields.push({ key: 'request', label: t('audit.f.request'), value: idOf(entry.target, 'request') || '—' });
      break;
    }
    case 'token.create': {
      const role = pick('role.', d.role);
      sentence = t('audit.s.token.create', subject, str(d.name) ?? short(idOf(entry.target, 'token')), role);
      field('name', 'audit.f.name', str(d.name));
      field('role', 'audit.f.role', d.role === undefined ? null : role);
      time('expiresAt', 'audit.f.expiresAt');
      break;
    }
    case 'token.revoke':
      sentence = str(d.name) ? t('audit.s.token.revoke', subject, str(d.name)!) : t('audit.s.token.revoke.unnamed', subject, short(idOf(entry.target, 'token')));
      field('name', 'audit.f.name', str(d.name));
      break;
    case 'console.sign-in':
    case 'console.sign-out':
      sentence = t(entry.action === 'console.sign-in' ? 'audit.s.console.sign-in' : 'audit.s.console.sign-out', subject);
      break;
    case 'console.sign-in.failed': {
      const attempts = count('audit.attempts.one', 'audit.attempts.many', num(d.attempts) ?? 1);
      const reason = str(d.reason) ?? 'unknown';
      const address = str(d.address) ?? '—';
      sentence =
        reason === 'overflow'
          ? t('audit.s.failed.overflow', attempts)
          : t(reason === 'expired' ? 'audit.s.failed.expired' : reason === 'revoked' ? 'audit.s.failed.revoked' : 'audit.s.failed.unknown', attempts, address, str(d.tokenName) ?? '—');
      field('reason', 'audit.f.failure', pick('audit.v.failure.', reason));
      field('tokenName', 'audit.f.tokenName', str(d.tokenName));
      field('address', 'audit.f.address', str(d.address));
      field('attempts', 'audit.f.attempts', String(num(d.attempts) ?? 1));
      time('firstAt', 'audit.f.firstAt');
      time('lastAt', 'audit.f.lastAt');
      break;
    }
    default:
      sentence = t('audit.s.other', subject, entry.action, entry.target ?? '—');
  }
  // Whatever else an entry carries (an action's newer detail), shown under its own key rather than hidden.
  for (const [key, value] of Object.entries(d)) {
    if (used.has(key) || value === null || value === undefined) continue;
    const text = typeof value === 'string' ? (ISO_TIME.test(value) ? chinaTimeText(lang, value) : value) : JSON.stringify(value);
    fields.push({ key, label: key, value: text });
  }
  return { who, action: actionLabel(entry.action, lang), sentence, fields, version };
}
