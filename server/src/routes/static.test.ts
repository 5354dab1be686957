import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

describe('STATIC_DIR', () => {
  let s: TestServer;
  let dir: string;
  let outside: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>shop</title>');
    fs.writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, '.env'), 'SECRET=dotenv-secret');
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'config'), '[remote] url=git-secret');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside-secret');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'leak.txt'));
    fs.symlinkSync(outside, path.join(dir, 'out'));
    fs.symlinkSync(path.join(dir, 'app.js'), path.join(dir, 'alias.js'));
    s = await build({ name: 'pglite' }, { STATIC_DIR: dir });
  });
  afterAll(async () => {
    await s?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('serves the app and symlinks that stay inside the folder', async () => {
    expect((await s.app.inject('/app.js')).statusCode).toBe(200);
    expect((await s.app.inject('/alias.js')).body).toBe('console.log(1)');
    expect((await s.app.inject('/')).body).toContain('shop');
  });

  it.each(['/.env', '/.git/config', '/%2eenv', '/leak.txt', '/out/secret.txt', '/x/../.env'])('never serves %s', async (url) => {
    for (const accept of ['*/*', 'text/html']) {
      const res = await s.app.inject({ url, headers: { accept } });
      expect(res.statusCode === 404 || res.body.includes('<title>shop</title>')).toBe(true);
      expect(res.body).not.toMatch(/dotenv-secret|git-secret|outside-secret/);
    }
  });
});
