import type { Texts } from '../texts/types';
import { textsOf } from '../texts/pages';
import { usePrivacy } from './PrivacyContext';

/**
 * Every text of the module in the shopper's language, the app's replacements applied: for the
 * module's pages only, whose subpackage ships the pages' texts (the main package's components read
 * `privacy.texts[lang]`).
 */
export function usePageTexts(): Texts {
  const privacy = usePrivacy();
  return textsOf(privacy)[privacy.policy.lang];
}
