/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

/** Backend base URL baked in at build time (config/index.ts `defineConstants`). */
declare const PRIVACY_API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'tt' | 'h5' | undefined;
  }
}
