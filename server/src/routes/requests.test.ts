import type { FastifyInstance } from 'fastify';
import { RIGHTS_REQUEST_TYPES, type RightsRequest } from '@maison/privacy/contract';
import { allText, bearer, build, errorCode, testTargets, type TestServer } from '../../test/helper';
import { requestDeadline } from '../domain/workingDays';

jest.setTimeout(120_000);

const ROWS = ['orders', 'registration-profile'];

/** The request desk: a shopper's requests with their deadline, ops' answers, and nothing of anyone else's. */
describe.each(testTargets())('the request desk on $name', (target) => {
  let s: TestServer;
  let other: FastifyInstance;

  beforeAll(async () => {
    s = await build(target);
    other = await s.another();
  });
  afterAll(async () => s?.close());

  let keys = 0;
  const key = () => `desk-key-${String(++keys).padStart(6, '0')}`;
  const ask = (token: string, payload: Record<string, unknown>, k = key(), app = s.app) =>
    app.inject({ method: 'POST', url: '/v1/me/requests', headers: { ...bearer(token), 'idempotency-key': k }, payload });
  const mine = async (token: string) => (await s.app.inject({ url: '/v1/me/requests', headers: bearer(token) })).json().requests as RightsRequest[];
  const rows = async (userId: string) => s.db.selectFrom('rights_requests').selectAll().where('user_id', '=', userId).execute();
  const decide = (id: string, payload: Record<string, unknown>, token = s.publisher, app = s.app) =>
    app.inject({ method: 'POST', url: `/v1/admin/requests/${id}/decision`, headers: bearer(token), payload });
  const withdraw = (token: string, id: string, app = s.app) => app.inject({ method: 'POST', url: `/v1/me/requests/${id}/withdrawal`, headers: bearer(token) });

  it('takes every type of request with its deadline: the policy’s 15 days, never past 15 working days', async () => {
    const { token, userId } = await s.login('desk-types');
    const bodies: Record<string, Record<string, unknown>> = {
      access: {},
      copy: { code: 'dev:desk-types' },
      portability: { code: 'dev:desk-types' },
      correction: { details: '手机号码应为 138 0000 0000', code: 'dev:desk-types' },
      deletion: { categories: ROWS, code: 'dev:desk-types' },
      restriction: { categories: ['orders'], code: 'dev:desk-types' },
      explanation: { details: 'Why is my birth year needed?' },
      complaint: { details: 'Nobody answered my e-mail.' },
    };
    for (const type of RIGHTS_REQUEST_TYPES) {
      const res = await ask(token, { type, ...bodies[type] });
      expect(res.statusCode).toBe(202);
      const receipt = res.json();
      // Copy and portability are answered at once with the export file; the others go to ops.
      const atOnce = type === 'copy' || type === 'portability';
      expect(receipt).toMatchObject(atOnce ? { type, status: 'fulfilled', file: '/v1/me/export' } : { type, status: 'received' });
      const expected = requestDeadline(new Date(receipt.receivedAt), s.app.config.requestDeadline, s.app.calendar).deadline;
      expect(receipt.deadline).toBe(expected.toISOString());
      expect(Date.parse(receipt.deadline) - Date.parse(receipt.receivedAt)).toBeLessThanOrEqual(16 * 24 * 3600 * 1000);
    }
    const list = await mine(token);
    expect(list.map((r) => r.type).sort()).toEqual([...RIGHTS_REQUEST_TYPES].sort());
    expect(list.find((r) => r.type === 'deletion')).toMatchObject({ categories: ROWS, status: 'received', details: null });
    expect(list.find((r) => r.type === 'correction')).toMatchObject({ details: '手机号码应为 138 0000 0000' });
    // Newest first.
    const times = list.map((r) => Date.parse(r.receivedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(await rows(userId)).toHaveLength(RIGHTS_REQUEST_TYPES.length);
  });

  it.each([
    ['a deletion without categories', { type: 'deletion', code: 'dev:desk-bad' }, /categories are required/],
    ['a category that is no row of the collection list', { type: 'deletion', categories: ['orders', 'bank-vault'], code: 'dev:desk-bad' }, /bank-vault/],
    ['a correction that says nothing', { type: 'correction', code: 'dev:desk-bad' }, /details are required/],
    ['a copy without a login code', { type: 'copy' }, /login code is required/],
    ['an unknown type', { type: 'erasure' }, /type/],
    ['control characters in the details', { type: 'complaint', details: 'a\u0007b' }, /details/],
    ['details over 2,000 characters', { type: 'complaint', details: 'x'.repeat(2001) }, /details/],
    ['the same category twice', { type: 'deletion', categories: ['orders', 'orders'], code: 'dev:desk-bad' }, /categories/],
    ['a field the contract does not have', { type: 'access', urgent: true }, /additional/],
  ])('refuses %s with 400 and stores nothing', async (_name, payload, message) => {
    const { token, userId } = await s.login('desk-bad');
    const res = await ask(token, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
    expect(await rows(userId)).toHaveLength(0);
  });

  it('refuses another WeChat user’s login code with 403 and stores nothing', async () => {
    const { token, userId } = await s.login('desk-owner');
    await s.login('desk-stranger');
    const res = await ask(token, { type: 'deletion', categories: ['orders'], code: 'dev:desk-stranger' });
    expect(res.statusCode).toBe(403);
    expect(await rows(userId)).toHaveLength(0);
  });

  it('answers a repeat with the first answer, and one key sent ten times at once makes one request', async () => {
    const { token, userId } = await s.login('desk-retry');
    const k = key();
    const first = await ask(token, { type: 'explanation', details: 'Which SDKs receive my data?' }, k);
    const again = await ask(token, { type: 'explanation', details: 'Which SDKs receive my data?' }, k);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    const changed = await ask(token, { type: 'explanation', details: 'Something else' }, k);
    expect(changed.statusCode).toBe(422);
    expect(errorCode(changed)).toBe('IDEMPOTENCY_KEY_REUSED');

    const k2 = key();
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(token, { type: 'deletion', categories: ['orders'], code: 'dev:desk-retry' }, k2, i % 2 ? other : s.app)));
    for (const a of burst) expect([202, 409]).toContain(a.statusCode);
    expect(new Set(burst.filter((a) => a.statusCode === 202).map((a) => a.json().id)).size).toBe(1);
    expect((await rows(userId)).map((r) => r.type).sort()).toEqual(['deletion', 'explanation']);
  });

  it('shows a shopper only their own requests; another’s is 404 and stays as it was', async () => {
    const a = await s.login('desk-a');
    const b = await s.login('desk-b');
    const res = await ask(a.token, { type: 'access' });
    const id = res.json().id as string;
    expect(await mine(b.token)).toEqual([]);
    const theft = await withdraw(b.token, id);
    expect(theft.statusCode).toBe(404);
    expect((await mine(a.token))[0]).toMatchObject({ id, status: 'received' });
    expect((await withdraw(a.token, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await withdraw(a.token, 'not-a-uuid')).statusCode).toBe(400);
  });

  it('lets ops answer: a refusal needs its reason, the shopper sees outcome and reason, the answer is audited', async () => {
    const { token } = await s.login('desk-answer');
    const id = (await ask(token, { type: 'deletion', categories: ['orders'], code: 'dev:desk-answer' })).json().id as string;

    // Who may: a viewer reads the queue but cannot answer; a shopper's token is no ops token.
    const queue = await s.app.inject({ url: '/v1/admin/requests?status=open', headers: bearer(s.viewer) });
    expect(queue.statusCode).toBe(200);
    const listed = (queue.json().requests as (RightsRequest & { subject: string })[]).find((r) => r.id === id);
    expect(listed).toMatchObject({ type: 'deletion', status: 'received', categories: ['orders'] });
    expect(typeof listed!.subject).toBe('string');
    const deadlines = (queue.json().requests as RightsRequest[]).map((r) => Date.parse(r.deadline));
    expect([...deadlines].sort((x, y) => x - y)).toEqual(deadlines);
    expect((await decide(id, { outcome: 'fulfilled' }, s.viewer)).statusCode).toBe(403);
    expect((await s.app.inject({ url: '/v1/admin/requests', headers: bearer(token) })).statusCode).toBe(403);
    expect((await s.app.inject({ url: '/v1/admin/requests' })).statusCode).toBe(401);

    const noReason = await decide(id, { outcome: 'refused' });
    expect(noReason.statusCode).toBe(400);
    expect((await mine(token))[0]).toMatchObject({ status: 'received' });

    const reason = { zh: '订单记录须依法保存三年。', en: 'Order records must be kept for three years by law.' };
    const refused = await decide(id, { outcome: 'refused', reason });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ id, status: 'refused', outcome: 'refused', reason });
    expect(refused.json()).not.toHaveProperty('subject');
    expect((await mine(token))[0]).toMatchObject({ id, status: 'refused', outcome: 'refused', reason, decidedAt: expect.any(String) });
    // Decided is final: not answered twice, not withdrawn after.
    expect((await decide(id, { outcome: 'fulfilled' })).statusCode).toBe(409);
    expect((await withdraw(token, id)).statusCode).toBe(409);
    const audit = await s.db.selectFrom('audit_log').selectAll().where('target', '=', `request:${id}`).execute();
    expect(audit.map((e) => [e.action, e.actor])).toEqual([['request.decide', 'ops:test-publisher']]);
    expect((await s.app.inject({ url: '/v1/admin/requests?status=open', headers: bearer(s.viewer) })).json().requests.map((r: RightsRequest) => r.id)).not.toContain(id);
    expect((await s.app.inject({ url: '/v1/admin/requests?status=refused', headers: bearer(s.viewer) })).json().requests.map((r: RightsRequest) => r.id)).toContain(id);
  });

  it('lets the shopper withdraw an open request; a withdrawal and a decision at once end it one way only', async () => {
    const { token } = await s.login('desk-withdraw');
    const id = (await ask(token, { type: 'access' })).json().id as string;
    const undo = await withdraw(token, id);
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ id, status: 'withdrawn', decidedAt: expect.any(String) });
    expect((await decide(id, { outcome: 'fulfilled' })).statusCode).toBe(409);

    for (let i = 0; i < 5; i++) {
      const raced = (await ask(token, { type: 'access' })).json().id as string;
      const [w, d] = await Promise.all([withdraw(token, raced, other), decide(raced, { outcome: 'fulfilled' })]);
      expect([w.statusCode, d.statusCode].sort()).toEqual([200, 409]);
      const final = (await mine(token)).find((r) => r.id === raced)!;
      expect(final.status).toBe(w.statusCode === 200 ? 'withdrawn' : 'fulfilled');
    }
  });

  it('puts the requests in the export and deletes them, details and all, with the account', async () => {
    const { token, userId } = await s.login('desk-purge');
    const details = 'desk-purge-secret-detail 请更正我的生日';
    await ask(token, { type: 'correction', details, code: 'dev:desk-purge' });
    const exported = await s.app.inject({ url: '/v1/me/export', headers: bearer(token) });
    expect(exported.statusCode).toBe(200);
    expect(exported.json().rightsRequests).toEqual([expect.objectContaining({ type: 'correction', details, status: 'received' })]);

    const cancel = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': key() }, payload: { confirm: true, code: 'dev:desk-purge' } });
    expect(cancel.statusCode).toBe(202);
    await s.app.purger.runOnce();
    expect(await rows(userId)).toHaveLength(0);
    expect(await allText(s.db)).not.toContain('desk-purge-secret-detail');
  });
});
