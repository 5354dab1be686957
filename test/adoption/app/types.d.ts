// What every Taro app's template declares (types/global.d.ts).
/// <reference types="@tarojs/taro" />
declare module '*.scss';
declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'tt' | 'h5' | undefined;
  }
}
