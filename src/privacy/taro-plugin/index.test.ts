// The plugin is plain CommonJS (Taro requires it from node_modules as it is).
const privacyTaroPlugin = require('./index') as typeof import('./index');

describe('the Taro plugin stops a build for a platform the module has no adapters for', () => {
  const ctx = (platform: string | undefined) => ({ registerMethod: jest.fn(), runOpts: { options: { platform } } });

  it('accepts weapp, tt and h5, and registers its template hook', () => {
    for (const platform of ['weapp', 'tt', 'h5']) {
      const c = ctx(platform);
      expect(() => privacyTaroPlugin(c)).not.toThrow();
      expect(c.registerMethod).toHaveBeenCalledWith(expect.objectContaining({ name: 'onSetupClose' }));
    }
    expect(privacyTaroPlugin.SUPPORTED_PLATFORMS).toEqual(['weapp', 'tt', 'h5']);
  });

  it('throws, naming the platform and the supported ones, for Alipay, Baidu or QQ', () => {
    for (const platform of ['alipay', 'swan', 'qq']) {
      const c = ctx(platform);
      expect(() => privacyTaroPlugin(c)).toThrow(new RegExp(`no adapters for the Taro platform "${platform}": it builds for weapp, tt, h5`));
      expect(c.registerMethod).not.toHaveBeenCalled();
    }
  });
});
