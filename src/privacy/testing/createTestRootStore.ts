import { BUNDLED_POLICY, BUNDLED_POLICY_VERSION } from '../data/bundled-policy';
import { RootStore, type PrivacyPorts, type RootStoreOptions } from '../stores/RootStore';
import { FakeBackend, fakeApi } from './FakeBackend';
import { FakePermissionPlatform } from './FakePermissionPlatform';
import { FakeWechatPrivacy } from './FakeWechatPrivacy';
import { ManualClock } from './ManualClock';
import { MemoryStorage } from './MemoryStorage';
import { SequentialIds } from './ids';

/** A root store on fakes, with each fake at hand to script and inspect. */
export interface TestRootStore {
  privacy: RootStore;
  storage: MemoryStorage;
  clock: ManualClock;
  backend: FakeBackend;
  permissions: FakePermissionPlatform;
  wechatPrivacy: FakeWechatPrivacy;
}

/** What a test may change: any port, the host language, and any RootStore option. */
export interface TestRootStoreOptions extends Partial<Omit<RootStoreOptions, 'ports'>> {
  ports?: Partial<PrivacyPorts>;
  /** The host's UI language (`getAppBaseInfo().language`). Default `zh_CN`. */
  language?: string;
}

/**
 * A `RootStore` on the shipped fakes: WeChat's storage limits, a manual clock, sequential ids,
 * the in-memory backend, WeChat's permission platform and privacy framework. Nothing runs until
 * `privacy.start()`, as in the app.
 */
export function createTestRootStore(options: TestRootStoreOptions = {}): TestRootStore {
  const { ports: overrides, language = 'zh_CN', ...rest } = options;
  const storage = new MemoryStorage();
  const clock = new ManualClock();
  const backend = new FakeBackend({ now: () => clock.now() });
  const permissions = new FakePermissionPlatform();
  const wechatPrivacy = new FakeWechatPrivacy();
  const ports: PrivacyPorts = {
    storage,
    clock,
    timer: clock,
    ids: new SequentialIds('t'),
    api: fakeApi(backend),
    system: { language: () => language },
    permissions,
    wechatPrivacy,
    login: async (deviceId) => `dev:${deviceId}`,
    yieldToRenderer: () => Promise.resolve(),
    ...overrides,
  };
  const privacy = new RootStore({
    bundledPolicy: { version: BUNDLED_POLICY_VERSION, document: BUNDLED_POLICY, source: 'bundled' },
    ...rest,
    ports,
  });
  return { privacy, storage, clock, backend, permissions, wechatPrivacy };
}
