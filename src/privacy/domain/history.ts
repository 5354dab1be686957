/**
 * The consent history in plain words: which sentence each recorded decision gets, and how its
 * purpose is named. Pure TypeScript: the sentences are the texts' (`history`, `common.time`),
 * the names of consents the app's; only the privacy centre and the data export use it.
 */
import { CAPABILITY_REGISTRY, type Capability } from './capabilities';
import { formatChinaTime, type ChinaTimeFormat } from './chinaTime';
import type { ConsentPurpose, ConsentValue, Lang, LedgerEvent, PermissionValue, PolicyValue } from './contract';

/** A recorded decision by kind and value, e.g. `consent:withdrawn`. */
export type HistoryEventKey = `policy:${PolicyValue}` | `consent:${ConsentValue}` | `permission:${PermissionValue}`;

/** The words of the history (the texts' `history` screen). */
export interface HistoryWords {
  /** The module's own purposes by name: the policy and the guardian's consent. */
  purposes: { readonly policy: string; readonly guardian: string };
  /** One sentence per recorded decision: the purpose in words, and the policy version it was taken under. */
  events: { readonly [K in HistoryEventKey]: (purpose: string, version: number) => string };
}

/** The texts the history is written with (a language's texts have them). */
export interface HistoryTexts {
  history: HistoryWords;
  common: { time: ChinaTimeFormat };
}

/** One line of the consent history in plain words, with its time in China time. */
export interface HistoryLine {
  id: string;
  when: string;
  text: string;
}

/** Names of the app's consents (their titles), for the history and the export. */
export type PurposeLabels = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** The consent history in plain words, newest first; consents are named by the app's titles. */
export function consentHistory(events: readonly LedgerEvent[], texts: HistoryTexts, lang: Lang, labels: PurposeLabels = {}): HistoryLine[] {
  const sentences: Readonly<Record<string, (purpose: string, version: number) => string>> = texts.history.events;
  return [...events].reverse().map((e) => {
    const key = `${e.kind}:${e.value}`;
    const purpose = purposeWords(e.purpose, texts.history, lang, labels);
    // A decision the texts have no sentence for (a value added since) still shows, as its ids.
    const text = own(sentences, key) ? sentences[key](purpose, e.policyVersion) : `${e.kind} ${e.value} ${purpose}`;
    return { id: e.id, when: formatChinaTime(e.occurredAt, texts.common.time), text };
  });
}

/** Words for a purpose: the module's own (policy, guardian, a capability's access from the registry), else the app's consent title, else the id. */
export function purposeWords(purpose: ConsentPurpose | string, words: HistoryWords, lang: Lang, labels: PurposeLabels = {}): string {
  if (own(words.purposes, purpose)) return words.purposes[purpose as keyof HistoryWords['purposes']];
  if (own(CAPABILITY_REGISTRY, purpose)) return CAPABILITY_REGISTRY[purpose as Capability].names.access[lang];
  const label = own(labels, purpose) ? labels[purpose] : undefined;
  return label ? label[lang] : purpose;
}
