import { usePrivacy, usePrivacyDocuments } from '../components/PrivacyContext';

/**
 * Hands the app's bundled policy document to the store before the page reads it. The document
 * comes with the page (`privacyPages(documents)`), so it ships in the pages' subpackage and the
 * main package holds only its version and hash. Idempotent; the store takes it only for the
 * bundled policy whose hash it carries (never over a remote version).
 */
export function useBundledPolicy(): void {
  const { policy } = usePrivacyDocuments();
  usePrivacy().policy.attachBundled(policy);
}
