/** Names ops read instead of keys: consent purposes and capabilities from the module's catalogues, values from the console's texts. */
import { CAPABILITIES, CONSENT_PURPOSES, type Capability, type ConsentPurpose } from '@maison/privacy/contract';
import { CONSENT_CATALOGUE, PERMISSION_CATALOGUE } from '@maison/privacy/data';
import { TEXTS, type ConsoleLang, type TextKey } from './texts';

const isPurpose = (p: string): p is ConsentPurpose => (CONSENT_PURPOSES as readonly string[]).includes(p);
const isCapability = (c: string): c is Capability => (CAPABILITIES as readonly string[]).includes(c);

/** A consent purpose's title in the catalogue; an unknown key as it is. */
export const purposeLabel = (purpose: string, lang: ConsoleLang): string => (isPurpose(purpose) ? CONSENT_CATALOGUE[purpose].title[lang] : purpose);

/** What a capability lets the shop do, in the permission catalogue's words. */
export const capabilityLabel = (capability: string, lang: ConsoleLang): string => (isCapability(capability) ? PERMISSION_CATALOGUE[capability].purpose.what[lang] : capability);

/** A recorded decision (`granted`, `blocked`…) in words; an unknown value as it is. */
export function valueLabel(value: string, lang: ConsoleLang): string {
  const key = `value.${value}`;
  return key in TEXTS[lang] ? TEXTS[lang][key as TextKey] : value;
}

/** A cancellation request's status in words. */
export function cancellationLabel(status: string, lang: ConsoleLang): string {
  const key = `cancel.${status}`;
  return key in TEXTS[lang] ? TEXTS[lang][key as TextKey] : status;
}

/** A calendar year's status (`published`, `statutory-only`) in words. */
export function calendarLabel(status: string, lang: ConsoleLang): string {
  const key = `calendar.${status}`;
  return key in TEXTS[lang] ? TEXTS[lang][key as TextKey] : status;
}
