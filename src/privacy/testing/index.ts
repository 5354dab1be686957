/** Fakes of the module's ports, for the module's own tests and for adopters' tests. */
export { MemoryStorage, WECHAT_STORAGE_LIMITS, utf8Bytes } from './MemoryStorage';
export { ManualClock, settle } from './ManualClock';
export { SequentialIds, seededRandom } from './ids';
export { FakeBackend, fakeApi, type Fault, type RecordedRequest, type StoredEvent } from './FakeBackend';
export { ledgerEvent } from './events';
export { FakePermissionPlatform } from './FakePermissionPlatform';
export { FakeWechatPrivacy, type WechatPopupAnswer } from './FakeWechatPrivacy';
export {
  createTestRootStore,
  PURPOSE_SHEET_ANSWERS,
  SYSTEM_PROMPT_ANSWERS,
  CONSENT_SHEET_ANSWERS,
  type ConsentSheetAnswer,
  type PurposeSheetAnswer,
  type SystemPromptAnswer,
  type TestRootStore,
  type TestRootStoreOptions,
} from './createTestRootStore';
