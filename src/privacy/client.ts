/**
 * `@maison/privacy/client`: the module without UI or platform — the backend client over any
 * `HttpPort`, a fetch transport (browser or Node), and the headless stores. For scripts, server-side
 * tests and adopters' store tests that must not load Taro.
 */
export { PrivacyApi, MALFORMED_RESPONSE, type PrivacyApiOptions } from './adapters/PrivacyApi';
export { createH5Http as createFetchHttp, type H5HttpOptions as FetchHttpOptions } from './adapters/http.h5';
export { RootStore, type PrivacyPorts, type RootStoreOptions } from './stores/RootStore';
export { ConsentStore, PolicyNotAcceptedError, InvalidLedgerEventError } from './stores/ConsentStore';
export type { HttpPort, StoragePort, TimerPort, ClockPort, IdPort, PrivacyApiPort } from './ports';
