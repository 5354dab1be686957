/** Names ops read instead of keys: consent purposes and capabilities from the module's catalogues, values from the console's texts. */
import type { ConsentCatalogueEntry, PermissionCatalogueEntry } from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../../../src/shop/privacy-content/app';
import { TEXTS, type ConsoleLang, type TextKey } from './texts';

const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);

/** A consent purpose's title in the deployed app's description; an unknown key as it is. */
export const purposeLabel = (purpose: string, lang: ConsoleLang): string => own<ConsentCatalogueEntry>(SHOP_PRIVACY.consents, purpose)?.title[lang] ?? purpose;

/** What a capability lets the app do, in its description's words; an undeclared one as it is. */
export const capabilityLabel = (capability: string, lang: ConsoleLang): string =>
  own<PermissionCatalogueEntry>(SHOP_PRIVACY.capabilities, capability)?.purpose.what[lang] ?? capability;

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
