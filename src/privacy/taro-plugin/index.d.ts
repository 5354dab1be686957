/** The Taro plugin `@maison/privacy/taro-plugin` (index.js): weapp templates and runtime learn WeChat's ARIA attributes. */
declare function privacyTaroPlugin(ctx: { registerMethod(method: { name: string; fn: (platform: never) => void }): void }): void;
export = privacyTaroPlugin;
