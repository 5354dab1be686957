import type { ClockPort, HttpPort, IdPort, StoragePort, SystemPort } from '../ports';
import { PolicyStore, type PolicySnapshot } from './PolicyStore';
import { UiStore } from './UiStore';

/** Every port the module needs, provided by adapters/ (or fakes in tests). */
export interface PrivacyPorts {
  storage: StoragePort;
  clock: ClockPort;
  ids: IdPort;
  http: HttpPort;
  system: SystemPort;
  /** Resolves once the renderer has flushed pending updates. */
  yieldToRenderer: () => Promise<void>;
}

export interface RootStoreOptions {
  ports: PrivacyPorts;
  bundledPolicy: PolicySnapshot;
}

/** Builds every store of the module and hands each its I/O. No side effects until `start()`. */
export class RootStore {
  readonly policy: PolicyStore;
  readonly ui: UiStore;

  constructor(readonly options: RootStoreOptions) {
    const { ports } = options;
    this.ui = new UiStore();
    this.policy = new PolicyStore({
      storage: ports.storage,
      system: ports.system,
      bundled: options.bundledPolicy,
      yieldToRenderer: ports.yieldToRenderer,
    });
  }

  /** Loads persisted state; call once at app launch. */
  async start(): Promise<void> {
    await this.policy.hydrate();
  }
}
