/**
 * The Taro plugin `@maison/privacy/taro-plugin` (index.js): weapp templates and runtime learn
 * WeChat's ARIA attributes, and a build for a platform the module has no adapters for stops.
 */
declare function privacyTaroPlugin(ctx: {
  registerMethod(method: { name: string; fn: (platform: never) => void }): void;
  runOpts?: { options?: { platform?: string } };
}): void;
declare namespace privacyTaroPlugin {
  /** The Taro platforms the module builds for. */
  const SUPPORTED_PLATFORMS: readonly string[];
  /** Throws with the reason when `platform` is not among them. */
  function assertSupportedPlatform(platform: string | undefined): void;
}
export = privacyTaroPlugin;
