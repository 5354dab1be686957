import type { PrivacyPorts } from '../stores/RootStore';

export interface PlatformConfig {
  /** Backend origin ('' = same origin, as when the backend serves the h5 app). */
  apiBaseUrl: string;
}

export type PlatformPorts = PrivacyPorts;
