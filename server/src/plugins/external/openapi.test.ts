import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  /**
   * Findings of the linter's recommended rules that are accepted, each for its reason. Any other
   * finding fails the test, and so does an accepted one the linter no longer reports (drop it here).
   */
  const ACCEPTED: readonly { rule: string; pointer: string; why: string }[] = [
    { rule: 'info-license', pointer: '#/info', why: 'the API is the shop’s own: no licence is granted to anyone, so there is none to name' },
    ...['/healthz', '/readyz'].map((p) => ({
      rule: 'operation-4xx-response',
      pointer: `#/paths/${p.split('/').join('~1')}/get/responses`,
      why: 'takes no input and no credential, so no 4xx answer exists to document (checked by the bad-input suite: 2xx only)',
    })),
    {
      rule: 'operation-4xx-response',
      pointer: '#/paths/~1ops~1api~1session/get/responses',
      why: 'not signed in is the 204 answer, not a 401 (the sign-in page asks first); there is no input to refuse',
    },
  ];

  it("passes an independent linter's recommended rules (Redocly CLI lint), with the accepted findings only", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-lint-'));
    try {
      const file = path.join(dir, 'openapi.json');
      fs.writeFileSync(file, JSON.stringify(doc));
      const cli = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
      // Run in an empty folder (no config file but the flags), offline: no usage report, no update check.
      const run = spawnSync(process.execPath, [cli, 'lint', '--extends', 'recommended', '--format', 'json', '--max-problems', '1000', file], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        timeout: 60_000,
      });
      const start = run.stdout.indexOf('{');
      expect({ status: run.status, json: start >= 0, stderr: start >= 0 ? '' : run.stderr.slice(-2000) }).toEqual({ status: expect.any(Number), json: true, stderr: '' });
      const report = JSON.parse(run.stdout.slice(start)) as { problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
      const found = report.problems.map((p) => ({ rule: p.ruleId, severity: p.severity, pointer: p.location[0]?.pointer ?? '', message: p.message }));
      const accepted = (f: { rule: string; pointer: string }) => ACCEPTED.some((a) => a.rule === f.rule && a.pointer === f.pointer);
      expect(found.filter((f) => !accepted(f))).toEqual([]);
      expect(ACCEPTED.filter((a) => !found.some((f) => f.rule === a.rule && f.pointer === a.pointer)).map((a) => `${a.rule} ${a.pointer}`)).toEqual([]);
      // What is accepted is a warning, never an error; no public operation is flagged for security.
      expect(found.filter((f) => f.severity === 'error')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares every public operation public (`security: []`), or its session optional where it takes one', () => {
    const publicOps = s.app.routeTable.filter((r) => r.auth === 'public' && r.method !== 'HEAD' && !(r.url === '/ops/api/session' && r.method !== 'POST'));
    const declared = publicOps
      .map((r) => ({ key: `${r.method} ${r.url}`, op: doc.paths[r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[r.method.toLowerCase()] }))
      .filter((x) => x.op !== undefined) // hidden: /openapi.json and the console's static files
      .map((x) => ({ key: x.key, security: x.op!.security }));
    expect(declared.map((d) => d.key).sort()).toEqual(
      ['GET /healthz', 'GET /readyz', 'GET /v1/cancellation/terms', 'GET /v1/policy/current', 'GET /v1/policy/current/lists', 'GET /v1/policy/versions/:version', 'GET /v1/policy/versions/:version/lists', 'GET /v1/schemas/export.json', 'GET /v1/shop/recommendations', 'POST /ops/api/session', 'POST /v1/guardian-codes', 'POST /v1/guardian-codes/:id/verification', 'POST /v1/sessions', 'POST /v1/shop/analytics'].sort(),
    );
    for (const d of declared) expect(d).toEqual({ key: d.key, security: d.key === 'GET /v1/shop/recommendations' ? [{}, { session: [] }] : [] });
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
    for (const p of ['/v1/shop/newsletter', '/v1/shop/dealer-appointments', '/v1/shop/warranties', '/v1/shop/refunds', '/v1/shop/product-views']) expect(doc.paths[p]!.post!.security).toEqual([{ session: [] }]);
    expect(doc.paths['/v1/shop/warranties']!.get!.security).toEqual([{ session: [] }]);
    expect(doc.components.securitySchemes.console?.name).toBe(CONSOLE_COOKIE);
    expect(doc.components.securitySchemes.csrf?.name).toBe(CSRF_HEADER);
  });

  it('documents 413 and 415 on every /v1/shop POST route', () => {
    const shopPosts = operations().filter(({ key }) => key.startsWith('POST /v1/shop/'));
    expect(shopPosts).toHaveLength(6);
    for (const { key, op } of shopPosts) expect({ key, has: ['413', '415'].every((c) => c in op.responses) }).toEqual({ key, has: true });
  });
});
