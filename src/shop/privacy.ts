import { RootStore } from '../privacy';
import { createPlatformPorts } from '../privacy/adapters/platform';
import { BUNDLED_POLICY, BUNDLED_POLICY_VERSION } from '../privacy/data/bundled-policy';

/** The shop's one instance of the privacy module. */
export const privacy = new RootStore({
  ports: createPlatformPorts({ apiBaseUrl: PRIVACY_API_BASE }),
  bundledPolicy: { version: BUNDLED_POLICY_VERSION, document: BUNDLED_POLICY, source: 'bundled' },
});
