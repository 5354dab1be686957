/**
 * The overseas receiver is told to delete (server/README.md, "Deletion notices to the overseas
 * receiver"): a fake receiver on loopback verifies each notice as the README asks a receiver to,
 * on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../app';
import { ConfigError, loadConfig } from '../config';
import { build, publishPolicy, testConfig, testTargets, tinyPolicy, type TestServer } from '../../test/helper';
import { fakeReceiver, unusedPort, verifySignature, type FakeReceiver } from '../../test/fakeReceiver';
import { purgeFixture, type PurgeFixture } from '../../test/purgeFixtures';
import { signNotice } from './ReceiverNotifier';

jest.setTimeout(300_000);

const SECRET = 'receiver-test-secret-0123456789abcdef';

/** Waits until `check` holds, polling; fails naming `what`. */
async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('notice signature', () => {
  it('is v1= and the HMAC-SHA256 of "<timestamp>.<raw body>" that a receiver recomputes', () => {
    const raw = '{"type":"deletion-request","id":"x","subject":"s","deletedAt":"2026-01-01T00:00:00.000Z"}';
    const sig = signNotice(SECRET, 1_767_225_600, raw);
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, '1767225600', sig, raw, 1_767_225_600)).toBe(true);
    // Another body, another time, another secret, or an old timestamp: refused.
    expect(verifySignature(SECRET, '1767225600', sig, `${raw} `, 1_767_225_600)).toBe(false);
    expect(verifySignature(SECRET, '1767225601', sig, raw, 1_767_225_601)).toBe(false);
    expect(verifySignature(`${SECRET}x`, '1767225600', sig, raw, 1_767_225_600)).toBe(false);
    expect(verifySignature(SECRET, '1767225600', sig, raw, 1_767_225_600 + 301)).toBe(false);
  });
});

describe('bad receiver configuration is refused at startup with a clear error', () => {
  const base = { NODE_ENV: 'test', DATA_DIR: ':memory:', DEV_LOGIN: '1', PSEUDONYM_KEY: 'k'.repeat(40) };
  // With the SMS provider production also requires (guardians' codes), so only the receiver is missing.
  const prod = {
    NODE_ENV: 'production',
    DATA_DIR: ':memory:',
    WECHAT_APP_ID: 'wx1',
    WECHAT_APP_SECRET: 's',
    PSEUDONYM_KEY: 'k'.repeat(40),
    SMS_SECRET_ID: 'AKIDtest',
    SMS_SECRET_KEY: 'k'.repeat(32),
    SMS_SDK_APP_ID: '1400000000',
    SMS_SIGN_NAME: 'Shop',
    SMS_TEMPLATE_ID: '100001',
  };
  it.each([
    ['a URL that is not one', { ...base, OVERSEAS_RECEIVER_URL: 'not a url', OVERSEAS_RECEIVER_SECRET: SECRET }, /OVERSEAS_RECEIVER_URL is not a valid URL/],
    ['another scheme', { ...base, OVERSEAS_RECEIVER_URL: 'ftp://receiver.example/del', OVERSEAS_RECEIVER_SECRET: SECRET }, /OVERSEAS_RECEIVER_URL must use https:/],
    ['credentials in the URL', { ...base, OVERSEAS_RECEIVER_URL: 'https://user:pw@receiver.example/del', OVERSEAS_RECEIVER_SECRET: SECRET }, /must not carry a user name or password/],
    ['a URL without its secret', { ...base, OVERSEAS_RECEIVER_URL: 'https://receiver.example/del' }, /OVERSEAS_RECEIVER_SECRET is required with OVERSEAS_RECEIVER_URL/],
    ['a short secret', { ...base, OVERSEAS_RECEIVER_URL: 'https://receiver.example/del', OVERSEAS_RECEIVER_SECRET: 'short' }, /at least 32 characters/],
    ['a secret without a URL', { ...base, OVERSEAS_RECEIVER_SECRET: SECRET }, /OVERSEAS_RECEIVER_SECRET is set without OVERSEAS_RECEIVER_URL/],
    ['a retry ceiling below the first wait', { ...base, OVERSEAS_RECEIVER_URL: 'https://receiver.example/del', OVERSEAS_RECEIVER_SECRET: SECRET, OVERSEAS_RECEIVER_RETRY_MS: '5000', OVERSEAS_RECEIVER_RETRY_MAX_MS: '1000' }, /must not be below OVERSEAS_RECEIVER_RETRY_MS/],
    ['a malformed timeout', { ...base, OVERSEAS_RECEIVER_URL: 'https://receiver.example/del', OVERSEAS_RECEIVER_SECRET: SECRET, OVERSEAS_RECEIVER_TIMEOUT_MS: '10s' }, /OVERSEAS_RECEIVER_TIMEOUT_MS must be a whole number/],
    ['plain http in production', { ...prod, OVERSEAS_RECEIVER_URL: 'http://receiver.example/del', OVERSEAS_RECEIVER_SECRET: SECRET }, /must use https: outside NODE_ENV=development or test/],
    ['no endpoint in production while the app asks for the cross-border consent', prod, /OVERSEAS_RECEIVER_URL and OVERSEAS_RECEIVER_SECRET are required .*cross-border/],
  ])('%s', (_what, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts an https endpoint in production, and none in development (notices then wait)', () => {
    expect(loadConfig({ ...prod, OVERSEAS_RECEIVER_URL: 'https://receiver.example/del', OVERSEAS_RECEIVER_SECRET: SECRET }).receiverEndpoint).toMatchObject({ url: 'https://receiver.example/del', secret: SECRET, retryMs: 30_000, retryMaxMs: 3_600_000, timeoutMs: 10_000 });
    expect(loadConfig(base).receiverEndpoint).toBeNull();
  });
});

describe.each(testTargets())('deletion notices to the overseas receiver on $name', (target) => {
  let s: TestServer;
  let version: number;
  let receiver: FakeReceiver;
  const started: FastifyInstance[] = [];

  /** Another app instance on the suite's database, sending to `url` (another process, or one after a restart). */
  const appSendingTo = async (url: string, env: Record<string, string> = {}): Promise<FastifyInstance> => {
    const config = testConfig(s.wechat.url, {
      OVERSEAS_RECEIVER_URL: url,
      OVERSEAS_RECEIVER_SECRET: SECRET,
      OVERSEAS_RECEIVER_RETRY_MS: '40',
      OVERSEAS_RECEIVER_RETRY_MAX_MS: '320',
      OVERSEAS_RECEIVER_TIMEOUT_MS: '1500',
      ...env,
    });
    const app = await buildServer(config, { database: s.database });
    await app.ready();
    started.push(app);
    return app;
  };

  const notice = (p: PurgeFixture) =>
    s.db.selectFrom('receiver_deletions').selectAll().where('subject_hash', '=', s.app.pseudonyms.cancellation(p.userId)).executeTakeFirst();
  const acknowledged = (p: PurgeFixture) => async () => (await notice(p))?.acknowledged_at != null;
  /** Deliveries of the notice that carries `p`'s receiver id. */
  const deliveriesOf = (p: PurgeFixture) => receiver.deliveries.filter((d) => d.body?.subject === s.app.pseudonyms.overseas(p.userId));

  beforeAll(async () => {
    // The suite's own app sends nothing (no endpoint): each test starts the senders it needs.
    s = await build(target);
    version = await publishPolicy(s, tinyPolicy('receiver'), true);
  });
  beforeEach(async () => {
    receiver = fakeReceiver(SECRET);
    await receiver.listen();
  });
  afterEach(async () => {
    for (const app of started.splice(0)) await app.close();
    await receiver.close();
  });
  afterAll(async () => s?.close());

  it('tells the receiver of a shopper who granted the cross-border consent, never of one who did not; the acknowledgement is recorded', async () => {
    const app = await appSendingTo(receiver.url);
    const abroad = await purgeFixture(s, version, 'rcv-abroad');
    const home = await purgeFixture(s, version, 'rcv-home', { crossBorder: false });
    expect(await app.purger.runOnce()).toBe(2);
    await until('the acknowledgement', acknowledged(abroad));

    const [delivery, ...more] = deliveriesOf(abroad);
    expect(more).toEqual([]);
    expect(delivery!.verified).toBe(true);
    // Only what the receiver needs: the notice's id, the id it knows the shopper by, when.
    expect(Object.keys(delivery!.body!).sort()).toEqual(['deletedAt', 'id', 'subject', 'type']);
    expect(delivery!.body).toMatchObject({ type: 'deletion-request', subject: s.app.pseudonyms.overseas(abroad.userId) });
    expect(delivery!.headers['idempotency-key']).toBe(delivery!.body!.id);
    for (const held of [abroad.userId, abroad.deviceId, abroad.subject, abroad.token, s.app.pseudonyms.user(abroad.userId), s.app.pseudonyms.cancellation(abroad.userId)]) {
      expect({ held, sent: delivery!.raw.includes(held) }).toEqual({ held, sent: false });
    }
    // Nothing about the shopper who never consented, then or later.
    expect(deliveriesOf(home)).toEqual([]);
    expect(receiver.deliveries).toHaveLength(1);
    expect(await notice(home)).toBeUndefined();

    const row = (await notice(abroad))!;
    expect(row).toMatchObject({ notification_id: delivery!.body!.id, acknowledged_status: 204, attempts: 1, last_error: null, next_attempt_at: null, receiver_subject: null });
    expect(receiver.deleted.get(String(delivery!.body!.id))).toBe(s.app.pseudonyms.overseas(abroad.userId));
  });

  it('retries after a 500, a timeout and a redirect until the receiver answers 2xx, and sends nothing after the acknowledgement', async () => {
    receiver.answers = [500, 'hang', 302, 503];
    const app = await appSendingTo(receiver.url, { OVERSEAS_RECEIVER_TIMEOUT_MS: '300' });
    const p = await purgeFixture(s, version, 'rcv-retry');
    await app.purger.runOnce();
    await until('the acknowledgement after four failures', acknowledged(p));

    const tries = deliveriesOf(p);
    expect(tries.map((d) => d.answer)).toEqual([500, 'hang', 302, 503, 204]);
    expect(tries.every((d) => d.verified)).toBe(true);
    // One notice: the same id every time, each attempt signed afresh.
    expect(new Set(tries.map((d) => d.body!.id)).size).toBe(1);
    const row = (await notice(p))!;
    expect(row).toMatchObject({ attempts: 5, acknowledged_status: 204, last_error: null, receiver_subject: null });

    // Acknowledged: longer than the longest backoff later, and after explicit runs, nothing more is sent.
    for (let i = 0; i < 3; i += 1) await app.receiverNotifier!.runOnce();
    await new Promise((r) => setTimeout(r, 800));
    expect(deliveriesOf(p)).toHaveLength(5);
    expect((await notice(p))!.attempts).toBe(5);
  });

  it('keeps a notice the receiver cannot be reached for (connection refused) and the next process sends it after a restart', async () => {
    const port = await unusedPort();
    const url = `http://127.0.0.1:${port}/deletions`;
    const first = await appSendingTo(url);
    const p = await purgeFixture(s, version, 'rcv-restart');
    await first.purger.runOnce();
    await until('two refused attempts', async () => ((await notice(p))?.attempts ?? 0) >= 2);
    const refused = (await notice(p))!;
    expect(refused).toMatchObject({ acknowledged_at: null, last_error: 'ECONNREFUSED' });
    expect(refused.receiver_subject).toBe(s.app.pseudonyms.overseas(p.userId));

    // The process stops; the receiver comes up at its address; a new process starts and sends it.
    await first.close();
    started.splice(started.indexOf(first), 1);
    const down = (await notice(p))!.attempts;
    await receiver.close();
    receiver = fakeReceiver(SECRET);
    await receiver.listen(port);
    await appSendingTo(url);
    await until('the acknowledgement from the new process', acknowledged(p));
    expect(deliveriesOf(p).map((d) => d.verified)).toEqual([true]);
    expect((await notice(p))!).toMatchObject({ attempts: down + 1, acknowledged_status: 204, receiver_subject: null });
  });

  it('leaves a notice unacknowledged when the receiver refuses its signature (another secret), and retries it', async () => {
    const app = await appSendingTo(receiver.url, { OVERSEAS_RECEIVER_SECRET: 'another-secret-0123456789abcdefghij' });
    const p = await purgeFixture(s, version, 'rcv-badsig');
    await app.purger.runOnce();
    await until('two refused deliveries', () => deliveriesOf(p).length >= 2);
    expect(deliveriesOf(p).every((d) => !d.verified && d.answer === 401)).toBe(true);
    expect(receiver.deleted.size).toBe(0);
    expect(await notice(p)).toMatchObject({ acknowledged_at: null, last_error: 'HTTP 401' });
  });

  it('two processes sending at once deliver each notice once', async () => {
    const people = await Promise.all(['a', 'b', 'c', 'd'].map((n) => purgeFixture(s, version, `rcv-pair-${n}`)));
    // Queued by a process that sends nothing, then two senders start together.
    await s.app.purger.runOnce();
    const [one, two] = await Promise.all([appSendingTo(receiver.url), appSendingTo(receiver.url)]);
    await Promise.all([one.receiverNotifier!.runOnce(), two.receiverNotifier!.runOnce()]);
    for (const p of people) await until(`acknowledgement of ${p.name}`, acknowledged(p));
    for (const p of people) expect(deliveriesOf(p)).toHaveLength(1);
  });
});
