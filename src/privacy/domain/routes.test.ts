import { DEFAULT_HOME_ROUTE, privacyRoutes } from './routes';
import { privacyPreloadRule, privacySubpackage } from '../config';

describe('privacy routes', () => {
  it('derives every link from the subpackage root the host chooses', () => {
    expect(privacyRoutes('legal/privacy', '/pages/home/index')).toEqual({
      policy: '/legal/privacy/policy/index',
      collection: '/legal/privacy/collection/index',
      sharing: '/legal/privacy/sharing/index',
      centre: '/legal/privacy/centre/index',
      cancel: '/legal/privacy/cancel/index',
      requests: '/legal/privacy/requests/index',
      home: '/pages/home/index',
    });
    expect(privacyRoutes().policy).toBe('/privacy/pages/policy/index');
    expect(privacyRoutes().home).toBe(DEFAULT_HOME_ROUTE);
  });

  it('refuses a root or home that would make links point nowhere', () => {
    expect(() => privacyRoutes('/legal/')).toThrow(/relative path/);
    expect(() => privacyRoutes('../up')).toThrow(/relative path/);
    expect(() => privacyRoutes('legal', 'pages/home/index')).toThrow(/absolute/);
  });

  it('gives app.config the subpackage and preload entries for the same root', () => {
    const sub = privacySubpackage('legal');
    expect(sub).toEqual({ root: 'legal', pages: ['policy/index', 'collection/index', 'sharing/index', 'centre/index', 'cancel/index', 'requests/index'] });
    const routes = Object.values(privacyRoutes('legal')).filter((r) => r.startsWith('/legal/'));
    expect(routes.map((r) => r.slice('/legal/'.length)).sort()).toEqual([...sub.pages].sort());
    expect(privacyPreloadRule(['pages/index/index'], 'legal')).toEqual({ 'pages/index/index': { network: 'all', packages: ['legal'] } });
  });
});
