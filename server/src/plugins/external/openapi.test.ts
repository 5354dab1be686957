import { spawnSync } from 'node:child_process';
import { CONSOLE_COOKIE, CSRF_HEADER } from '../../routes/console';
import { build, type TestServer } from '../../../test/helper';

jest.setTimeout(120_000);

type Operation = { operationId?: string; summary?: string; security?: Record<string, string[]>[]; responses: Record<string, unknown> };
type Doc = { servers?: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { name?: string }> } };

describe('the served OpenAPI document', () => {
  let s: TestServer;
  let doc: Doc;
  beforeAll(async () => {
    s = await build({ name: 'pglite' });
    const res = await s.app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json() as Doc;
  });
  afterAll(async () => {
    await s?.close();
  });

  const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));

  it('passes an independent OpenAPI validator (@apidevtools/swagger-parser)', async () => {
    // The validator is an ES module: it runs in its own Node process (Jest here loads CommonJS).
    const script = `import SwaggerParser from '@apidevtools/swagger-parser';
      let text = ''; for await (const c of process.stdin) text += c;
      try { await SwaggerParser.validate(JSON.parse(text)); console.log('valid'); }
      catch (err) { console.log(err.message); process.exit(1); }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input: JSON.stringify(doc), encoding: 'utf8', cwd: __dirname });
    expect({ status: run.status, out: run.stdout.trim() }).toEqual({ status: 0, out: 'valid' });
  });

  it('has servers, and a unique operationId and a summary on every operation', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(37);
    expect(ops.filter(({ op }) => !op.operationId || !op.summary).map(({ key }) => key)).toEqual([]);
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares the security of every route that needs a credential', () => {
    for (const route of s.app.routeTable) {
      if (route.method === 'HEAD' || route.url === '/openapi.json' || route.auth === 'public') continue;
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      if (!op) continue; // hidden (console assets)
      const schemes = (op.security ?? []).flatMap((r) => Object.keys(r));
      expect({ route: `${route.method} ${route.url}`, ok: route.auth === 'shopper' ? schemes.includes('session') : schemes.includes('ops') && schemes.includes('console') }).toEqual({ route: `${route.method} ${route.url}`, ok: true });
    }
    for (const p of ['/v1/shop/newsletter', '/v1/shop/dealer-appointments', '/v1/shop/warranties', '/v1/shop/refunds']) expect(doc.paths[p]!.post!.security).toEqual([{ session: [] }]);
    expect(doc.components.securitySchemes.console?.name).toBe(CONSOLE_COOKIE);
    expect(doc.components.securitySchemes.csrf?.name).toBe(CSRF_HEADER);
  });

  it('documents 413 and 415 on every /v1/shop POST route', () => {
    const shopPosts = operations().filter(({ key }) => key.startsWith('POST /v1/shop/'));
    expect(shopPosts).toHaveLength(5);
    for (const { key, op } of shopPosts) expect({ key, has: ['413', '415'].every((c) => c in op.responses) }).toEqual({ key, has: true });
  });
});
