import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from './index';

jest.setTimeout(120_000);

describe('startServer', () => {
  let server: RunningServer;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shop</title>');
    fs.mkdirSync(path.join(staticDir, 'js'));
    fs.writeFileSync(path.join(staticDir, 'js', 'app.js'), 'console.log(1)');
    server = await startServer({ dataDir: null, staticDir, devLogin: true, env: { NODE_ENV: 'test' } });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('listens on a free loopback port and gives the demo its first ops token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.firstOpsToken).toMatch(/^ops_/);
    const res = await fetch(`${server.url}/v1/admin/policies`, { headers: { authorization: `Bearer ${server.firstOpsToken}` } });
    expect(res.status).toBe(200);
  });

  it('serves the h5 build with an index.html fallback, and JSON 404s under /v1', async () => {
    expect(await (await fetch(`${server.url}/`)).text()).toContain('<title>shop</title>');
    expect(await (await fetch(`${server.url}/js/app.js`)).text()).toBe('console.log(1)');
    const page = await fetch(`${server.url}/pages/index/index`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>shop</title>');
    const api = await fetch(`${server.url}/v1/unknown`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('NOT_FOUND');
  });

  it('signs in with a dev code over real HTTP', async () => {
    const res = await fetch(`${server.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'dev:http' }) });
    expect(res.status).toBe(201);
  });
});
