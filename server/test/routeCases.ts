/**
 * One request per route, as a caller would make it on their own behalf; suites aim these at
 * another shopper's resources or with the wrong credentials. A route added without a case fails
 * the suites that walk the route table.
 */
import type { InjectOptions } from 'fastify';
import { UNREACHABLE_PHONE } from './fakeSms';
import { bearer, publishPolicy, tinyPolicy, type TestServer } from './helper';

export type Caller = { token: string; userId: string };
/** How to call a route as `caller`; the path uses the victim's resources where it names any. */
export type Case = (caller: Caller, ctx: Ctx) => InjectOptions;
export interface Ctx {
  version: number;
  victimTokenId: string;
  /** A rights request of the victim's, still open. */
  victimRequestId: string;
  /** A second session of the caller, for routes that end it (sign-out) without ending the caller's main one. */
  spareToken?: string;
}

export const EVENT = (id: string, version: number) => ({
  id,
  kind: 'consent',
  purpose: 'marketing',
  value: 'granted',
  policyVersion: version,
  deviceId: 'attacker-dev-1',
  occurredAt: '2025-01-01T00:00:00.000Z',
  source: 'settings',
});

/**
 * One case per route. A route added without a case here fails the matrix test, so every new
 * route is checked for cross-user access.
 */
export const CASES: Record<string, Case> = {
  'GET /healthz': () => ({ url: '/healthz' }),
  'GET /readyz': () => ({ url: '/readyz' }),
  'GET /openapi.json': () => ({ url: '/openapi.json' }),
  'POST /v1/sessions': () => ({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:attacker', platform: 'weapp' } }),
  // Public: the provider refuses this number, and no confirmation has this id, so nothing is kept.
  'POST /v1/guardian-codes': () => ({ method: 'POST', url: '/v1/guardian-codes', payload: { deviceId: 'attacker-dev-1', phone: UNREACHABLE_PHONE } }),
  'POST /v1/guardian-codes/:id/verification': () => ({
    method: 'POST',
    url: '/v1/guardian-codes/00000000-0000-4000-8000-000000000000/verification',
    payload: { deviceId: 'attacker-dev-1', code: '123456' },
  }),
  'POST /v1/sessions/sign-out': (c, ctx) => ({ method: 'POST', url: '/v1/sessions/sign-out', headers: bearer(ctx.spareToken ?? c.token), payload: { scope: 'this-device' } }),
  'GET /v1/policy/current': () => ({ url: '/v1/policy/current' }),
  'GET /v1/policy/versions/:version': (_c, ctx) => ({ url: `/v1/policy/versions/${ctx.version}` }),
  'GET /v1/policy/current/lists': () => ({ url: '/v1/policy/current/lists' }),
  'GET /v1/policy/versions/:version/lists': (_c, ctx) => ({ url: `/v1/policy/versions/${ctx.version}/lists` }),
  'GET /v1/me/consents': (c) => ({ url: '/v1/me/consents', headers: bearer(c.token) }),
  'POST /v1/me/consents': (c, ctx) => ({ method: 'POST', url: '/v1/me/consents', headers: bearer(c.token), payload: { events: [EVENT('victim-evt-0001', ctx.version)] } }),
  'GET /v1/me/export': (c) => ({ url: '/v1/me/export', headers: bearer(c.token) }),
  'GET /v1/me/export/consents.csv': (c) => ({ url: '/v1/me/export/consents.csv', headers: bearer(c.token) }),
  'GET /v1/schemas/export.json': () => ({ url: '/v1/schemas/export.json' }),
  'GET /v1/me/profile': (c) => ({ url: '/v1/me/profile', headers: bearer(c.token) }),
  'PUT /v1/me/profile': (c) => ({
    method: 'PUT',
    url: '/v1/me/profile',
    headers: { ...bearer(c.token), 'idempotency-key': 'victim-key-0004' },
    payload: { nickname: 'victim', phone: '13800000000', code: 'dev:victim' },
  }),
  'POST /v1/me/cancellation': (c) => ({
    method: 'POST',
    url: '/v1/me/cancellation',
    headers: { ...bearer(c.token), 'idempotency-key': 'victim-key-0001' },
    payload: { confirm: true, code: 'dev:victim' },
  }),
  'GET /v1/me/cancellation': (c) => ({ url: '/v1/me/cancellation', headers: bearer(c.token) }),
  'GET /v1/cancellation/terms': () => ({ url: '/v1/cancellation/terms' }),
  'POST /v1/me/cancellation/withdrawal': (c) => ({ method: 'POST', url: '/v1/me/cancellation/withdrawal', headers: bearer(c.token), payload: { code: 'dev:victim' } }),
  'POST /v1/me/requests': (c) => ({
    method: 'POST',
    url: '/v1/me/requests',
    headers: { ...bearer(c.token), 'idempotency-key': 'victim-key-0002' },
    payload: { type: 'explanation', details: 'x' },
  }),
  'GET /v1/me/requests': (c) => ({ url: '/v1/me/requests', headers: bearer(c.token) }),
  'POST /v1/me/requests/:id/withdrawal': (c, ctx) => ({ method: 'POST', url: `/v1/me/requests/${ctx.victimRequestId}/withdrawal`, headers: bearer(c.token) }),
  'GET /v1/admin/requests': (c) => ({ url: '/v1/admin/requests', headers: bearer(c.token) }),
  'POST /v1/admin/requests/:id/decision': (c, ctx) => ({ method: 'POST', url: `/v1/admin/requests/${ctx.victimRequestId}/decision`, headers: bearer(c.token), payload: { outcome: 'fulfilled' } }),
  'GET /v1/admin/policies': (c) => ({ url: '/v1/admin/policies', headers: bearer(c.token) }),
  'GET /v1/admin/policies/:version': (c, ctx) => ({ url: `/v1/admin/policies/${ctx.version}`, headers: bearer(c.token) }),
  'POST /v1/admin/policies': (c) => ({ method: 'POST', url: '/v1/admin/policies', headers: bearer(c.token), payload: { content: tinyPolicy('evil') } }),
  'PUT /v1/admin/policies/:version': (c, ctx) => ({ method: 'PUT', url: `/v1/admin/policies/${ctx.version}`, headers: bearer(c.token), payload: { content: tinyPolicy('evil') } }),
  'POST /v1/admin/policies/:version/publish': (c, ctx) => ({
    method: 'POST',
    url: `/v1/admin/policies/${ctx.version}/publish`,
    headers: bearer(c.token),
    payload: { material: true, summary: { zh: 'x', en: 'x' }, override: { reason: 'the demo content declares its gaps' } },
  }),
  'GET /v1/admin/policies/:version/findings': (c, ctx) => ({ url: `/v1/admin/policies/${ctx.version}/findings`, headers: bearer(c.token) }),
  'POST /v1/admin/policies/:version/activate': (c, ctx) => ({ method: 'POST', url: `/v1/admin/policies/${ctx.version}/activate`, headers: bearer(c.token), payload: {} }),
  'GET /v1/admin/stats': (c) => ({ url: '/v1/admin/stats', headers: bearer(c.token) }),
  'GET /v1/admin/audit': (c) => ({ url: '/v1/admin/audit', headers: bearer(c.token) }),
  'GET /v1/admin/audit.csv': (c) => ({ url: '/v1/admin/audit.csv', headers: bearer(c.token) }),
  'GET /v1/admin/tokens': (c) => ({ url: '/v1/admin/tokens', headers: bearer(c.token) }),
  'POST /v1/admin/tokens': (c) => ({ method: 'POST', url: '/v1/admin/tokens', headers: bearer(c.token), payload: { name: 'evil', role: 'publisher' } }),
  'DELETE /v1/admin/tokens/:id': (c, ctx) => ({ method: 'DELETE', url: `/v1/admin/tokens/${ctx.victimTokenId}`, headers: bearer(c.token) }),
  // The ops console: static files and its cookie session (a shopper token is no ops token).
  'GET /ops': () => ({ url: '/ops' }),
  'GET /ops/': () => ({ url: '/ops/' }),
  'GET /ops/favicon.ico': () => ({ url: '/ops/favicon.ico' }),
  'GET /ops/assets/:file': () => ({ url: '/ops/assets/index.js' }),
  'GET /ops/api/session': () => ({ url: '/ops/api/session' }),
  'POST /ops/api/session': (c) => ({ method: 'POST', url: '/ops/api/session', payload: { token: c.token } }),
  'DELETE /ops/api/session': () => ({ method: 'DELETE', url: '/ops/api/session' }),
  'GET /v1/admin/activations': (c) => ({ url: '/v1/admin/activations', headers: bearer(c.token) }),
  'GET /v1/admin/lists/:version': (c, ctx) => ({ url: `/v1/admin/lists/${ctx.version}`, headers: bearer(c.token) }),
  'PUT /v1/admin/lists/:version/:kind': (c, ctx) => ({ method: 'PUT', url: `/v1/admin/lists/${ctx.version}/collection`, headers: bearer(c.token), payload: { items: [] } }),
  'GET /v1/admin/policies/:version/diff': (c, ctx) => ({ url: `/v1/admin/policies/${ctx.version}/diff`, headers: bearer(c.token) }),
  'GET /v1/admin/privacy-guide': (c) => ({ url: '/v1/admin/privacy-guide', headers: bearer(c.token) }),
  'POST /v1/admin/privacy-guide/filings': (c, ctx) => ({ method: 'POST', url: '/v1/admin/privacy-guide/filings', headers: bearer(c.token), payload: { policyVersion: ctx.version } }),
  // The demo shop's consumers: each checks the caller's own consents.
  'GET /v1/shop/recommendations': (c) => ({ url: '/v1/shop/recommendations', headers: bearer(c.token) }),
  'POST /v1/shop/newsletter': (c) => ({ method: 'POST', url: '/v1/shop/newsletter', headers: bearer(c.token), payload: { channel: 'sms' } }),
  'POST /v1/shop/dealer-appointments': (c) => ({ method: 'POST', url: '/v1/shop/dealer-appointments', headers: bearer(c.token), payload: { dealerId: 'd1', date: '2025-05-05' } }),
  'POST /v1/shop/warranties': (c) => ({ method: 'POST', url: '/v1/shop/warranties', headers: { ...bearer(c.token), 'idempotency-key': 'victim-key-0002' }, payload: { serial: 'SN-000001', international: true } }),
  'GET /v1/shop/warranties': (c) => ({ url: '/v1/shop/warranties', headers: bearer(c.token) }),
  'POST /v1/shop/product-views': (c) => ({ method: 'POST', url: '/v1/shop/product-views', headers: bearer(c.token), payload: { productId: 'santos' } }),
  'POST /v1/shop/refunds': (c) => ({ method: 'POST', url: '/v1/shop/refunds', headers: bearer(c.token), payload: { orderId: 'o1', bankAccount: '123456789012' } }),
  'POST /v1/shop/analytics': (c) => ({ method: 'POST', url: '/v1/shop/analytics', headers: bearer(c.token), payload: { route: '/home' } }),
};


/** The victim's identifiers that must never appear in an answer to someone else. */
export const VICTIM_SECRETS = Object.freeze({ deviceId: 'victim-dev-01', reason: 'victim-reason', nickname: 'victim-nick', phone: '13912345678' });

/**
 * A victim with data (a ledger event, a pending cancellation with its idempotency key and reason,
 * a rights request, a profile)
 * and an attacker, both signed in, on a published policy; `ctx` names the victim's resources.
 */
export async function victimAndAttacker(s: TestServer): Promise<{ victim: Caller; attacker: Caller; ctx: Ctx }> {
  const version = await publishPolicy(s, tinyPolicy('sec'), true);
  const victim = await s.login('victim');
  const attacker = await s.login('attacker');
  const events = await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(victim.token), payload: { events: [{ ...EVENT('victim-evt-0001', version), deviceId: VICTIM_SECRETS.deviceId }] } });
  if (events.statusCode !== 200) throw new Error(`victim events: ${events.body}`);
  const slow = await s.another({ COOLING_OFF_SECONDS: '86400' });
  const c = await slow.inject({
    method: 'POST',
    url: '/v1/me/cancellation',
    headers: { ...bearer(victim.token), 'idempotency-key': 'victim-key-0001' },
    payload: { confirm: true, code: 'dev:victim', reason: VICTIM_SECRETS.reason },
  });
  if (c.statusCode !== 202) throw new Error(`victim cancellation: ${c.body}`);
  const r = await s.app.inject({
    method: 'POST',
    url: '/v1/me/requests',
    headers: { ...bearer(victim.token), 'idempotency-key': 'victim-key-0003' },
    payload: { type: 'complaint', details: VICTIM_SECRETS.reason },
  });
  if (r.statusCode !== 202) throw new Error(`victim request: ${r.body}`);
  const p = await s.app.inject({
    method: 'PUT',
    url: '/v1/me/profile',
    headers: { ...bearer(victim.token), 'idempotency-key': 'victim-key-0005' },
    payload: { nickname: VICTIM_SECRETS.nickname, phone: VICTIM_SECRETS.phone, code: 'dev:victim' },
  });
  if (p.statusCode !== 200) throw new Error(`victim profile: ${p.body}`);
  const tokens = (await s.app.inject({ url: '/v1/admin/tokens', headers: bearer(s.publisher) })).json() as { tokens: { id: string; name: string }[] };
  const spare = await s.login('attacker');
  return {
    victim,
    attacker,
    ctx: { version, victimTokenId: tokens.tokens.find((t) => t.name === 'test-viewer')!.id, victimRequestId: (r.json() as { id: string }).id, spareToken: spare.token },
  };
}
