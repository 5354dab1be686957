/**
 * A failed call said in the console's language. The server's messages are English: in English
 * they are shown as the server wrote them; in Chinese the ones the console can meet are said in
 * Chinese (values such as a version, a name or a field's place carried over), and any other by
 * what kind of refusal it is. Errors the pages raise themselves are already in the page's language.
 */
import { ApiFailure } from './api';
import { translate, type ConsoleLang, type TextKey } from './texts';

type Say = (key: TextKey, ...args: (string | number)[]) => string;

/** Where a validation problem is (`[2].id`, `texts.zh.sections[0]`): the text before its first colon. */
const places = (problems: string): string =>
  problems
    .split('; ')
    .map((p) => p.split(': ')[0]!.trim())
    .filter((p) => p !== '')
    .slice(0, 6)
    .join(', ');

const LIST_WORDS: Record<string, TextKey> = { collection: 'audit.v.kind.collection', sharing: 'audit.v.kind.sharing', consents: 'audit.v.kind.consents' };

/** The server's message in Chinese where the console knows it; null where it does not. */
function known(message: string, say: Say): string | null {
  let m: RegExpExecArray | null;
  if (message === 'Only drafts can be published') return say('err.onlyDrafts');
  if (message === 'Only drafts can be edited') return say('err.onlyDraftsEdit');
  if (message === 'Lists can only be edited on a draft version') return say('err.listsDraftOnly');
  if (message === 'Publish the draft before activating it') return say('activate.publishFirst');
  if ((m = /^Version (\d+) is not published: /.exec(message))) return say('err.notPublished', m[1]!);
  if ((m = /^A live token is already named (.+)$/.exec(message))) return say('err.tokenName', m[1]!);
  if ((m = /^The request is already (\S+)/.exec(message))) return say('err.requestDone', say(`requests.status.${m[1]}` as TextKey));
  if (message.startsWith('A refusal needs a reason')) return say('requests.needReason');
  if (message === 'at is in the past') return say('err.atPast');
  if (message === 'at is not a valid time') return say('err.atInvalid');
  if (message === 'No such policy version' || message === 'No such version to compare with') return say('err.noVersion');
  if (message === 'No such request') return say('err.noRequest');
  if (message === 'No live token with this id') return say('err.noToken');
  if ((m = /^This needs the (viewer|publisher) role$/.exec(message))) return say('err.role', say(`role.${m[1]}` as TextKey));
  if (message === 'Missing or wrong CSRF token') return say('err.csrf');
  if (message === 'Cross-site request refused') return say('err.crossSite');
  if ((m = /^Invalid (collection|sharing|consents) list: (.*)$/s.exec(message))) return say('err.list', say(LIST_WORDS[m[1]!]!), places(m[2]!));
  if ((m = /^Invalid policy document: (.*)$/s.exec(message))) return say('err.document', places(m[1]!));
  if (message.startsWith('The policy text could not be read')) return say('err.policyText');
  if (/^(from|to) is not a day that exists/.test(message)) return say('err.auditDate');
  if (/^from \(.*\) is after to/.test(message)) return say('err.auditRange');
  if ((m = /^Invalid querystring: querystring\/?(\w*)/.exec(message))) return say('err.auditFilter', m[1] || (/\(([\w-]+)\)$/.exec(message)?.[1] ?? '?'));
  return null;
}

/** What kind of refusal, when the message itself is not known. */
function byStatus(err: ApiFailure, say: Say): string {
  if (err.status === 401) return say('err.signedOut');
  if (err.status === 429) return say('err.rateLimited');
  if (err.status === 503) return say('err.unavailable');
  if (err.status >= 500) return say('err.internal', /request ([\w-]+)/.exec(err.message)?.[1] ?? '—');
  if (err.status === 400 || err.status === 422) return say('err.badRequest');
  if (err.status === 409) return say('err.conflict');
  if (err.status === 404) return say('err.notFound');
  if (err.status === 403) return say('err.forbidden');
  if (err.status === 413) return say('err.tooLarge');
  return say('err.other', err.status);
}

/** The text of a failure for the page: "Request failed: " and what went wrong, in `lang`. */
export function failureText(lang: ConsoleLang, err: unknown): string {
  const say: Say = (key, ...args) => translate(lang, key, ...args);
  let what: string;
  if (err instanceof ApiFailure && err.status === 0) {
    what = say('err.network');
  } else if (err instanceof ApiFailure) {
    // The server speaks English: in English its own words say it best.
    what = lang === 'en' && err.message ? err.message : (known(err.message, say) ?? byStatus(err, say));
  } else {
    what = err instanceof Error ? err.message : String(err);
  }
  return say('failed') + what;
}
