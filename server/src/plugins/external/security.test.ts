import { inlineScriptHashes } from './security';

describe('inlineScriptHashes', () => {
  test('hashes each inline script as CSP writes it, skipping external and empty ones', () => {
    // "alert(1)" hashed by hand: printf 'alert(1)' | openssl dgst -sha256 -binary | base64
    const html = '<head><script>alert(1)</script><script defer="defer" src="/js/app.js"></script><script></script></head>';
    expect(inlineScriptHashes(html)).toEqual(["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]);
  });

  test('a page without inline scripts allows none', () => {
    expect(inlineScriptHashes('<script src="/a.js"></script>')).toEqual([]);
  });
});
