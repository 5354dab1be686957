/**
 * The cancellation race on PostgreSQL, over HTTP: two server instances on one database (two
 * processes behind a balancer), 20 requests at once per shopper with a new Idempotency-Key each
 * (a client making a key per tap, or two devices). One request is stored, the others get 409, and
 * after one withdrawal the purge keeps the account.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { build, type TestServer } from '../../server/test/helper';

jest.setTimeout(120_000);

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run this suite through `npm run test:reliability`.');

const SHOPPERS = 5;
const AT_ONCE = 20;

describe('cancellation requests sent at once (PostgreSQL, two instances)', () => {
  let s: TestServer;
  let bases: string[];

  beforeAll(async () => {
    s = await build({ name: 'postgres', adminUrl });
    const other = await s.another();
    const listen = async (app: FastifyInstance) => {
      await app.listen({ host: '127.0.0.1', port: 0 });
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    };
    bases = [await listen(s.app), await listen(other)];
  });
  afterAll(async () => s?.close());

  const post = (base: string, path: string, token: string, body: unknown, key?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });

  it(`leaves one open request per shopper from ${AT_ONCE} at once, and a withdrawal keeps the account`, async () => {
    const counts: Record<number, number> = {};
    for (let n = 0; n < SHOPPERS; n++) {
      const name = `race-${n}`;
      const { token, userId } = await s.login(name);
      const answers = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) => post(bases[i % 2]!, '/v1/me/cancellation', token, { confirm: true, code: `dev:${name}` }, `${name}-key-${String(i).padStart(3, '0')}`)),
      );
      const codes = answers.map((a) => a.status);
      for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
      expect(codes.filter((c) => c === 202)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(AT_ONCE - 1);
      const open = await s.db.selectFrom('cancellation_requests').select('id').where('user_id', '=', userId).where('status', 'in', ['pending', 'processing']).execute();
      expect(open).toHaveLength(1);

      const undo = await post(bases[n % 2]!, '/v1/me/cancellation/withdrawal', token, { code: `dev:${name}` });
      expect(undo.status).toBe(200);
      expect(((await undo.json()) as { status: string }).status).toBe('withdrawn');
      // Cooling-off is 0 in tests: anything still open would be purged now.
      await s.app.purger.runOnce();
      expect(await s.db.selectFrom('users').select('id').where('id', '=', userId).execute()).toHaveLength(1);
      const left = await s.db.selectFrom('cancellation_requests').select('status').where('user_id', '=', userId).execute();
      expect(left.map((r) => r.status)).toEqual(['withdrawn']);
    }
    // Reported with the suite's output: the answers over all shoppers.
    console.info(`cancellation race: ${SHOPPERS} shoppers x ${AT_ONCE} requests at once ->`, JSON.stringify(counts));
    expect(counts).toEqual({ 202: SHOPPERS, 409: SHOPPERS * (AT_ONCE - 1) });
  });
});
