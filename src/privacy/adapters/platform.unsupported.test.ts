import { createPlatformPorts } from './platform.unsupported';

test('a build for a platform without adapters stops at start, naming it and the supported ones', () => {
  const before = process.env.TARO_ENV;
  (process.env as Record<string, string>).TARO_ENV = 'alipay';
  try {
    expect(() => createPlatformPorts({ apiBaseUrl: '' })).toThrow(/no adapters for the Taro platform "alipay": it builds for weapp, tt and h5/);
  } finally {
    if (before === undefined) delete process.env.TARO_ENV;
    else (process.env as Record<string, string>).TARO_ENV = before;
  }
});
