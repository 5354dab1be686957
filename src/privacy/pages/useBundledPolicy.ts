import { usePrivacy } from '../components/PrivacyContext';
import { BUNDLED_POLICY_DOCUMENT } from '../data/bundled-policy';

/**
 * Hands the bundled policy document to the store before the page reads it. The document is
 * imported here, by the pages that show it, so it ships in their subpackage and the main package
 * holds only its version and hash. Idempotent; the store takes it only for the bundled policy
 * whose hash it carries (never over a remote version, never as a host's own policy).
 */
export function useBundledPolicy(): void {
  usePrivacy().policy.attachBundled(BUNDLED_POLICY_DOCUMENT);
}
