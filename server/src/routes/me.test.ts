import { LIMITS, reduceLedger, type LedgerEvent } from '@maison/privacy/contract';
import { bearer, build, errorCode, testTargets, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

/** `n` consent decisions (never compacted), alternating grant and withdrawal. */
function decisions(prefix: string, n: number, from = 0): LedgerEvent[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      id: `${prefix}-${String(i).padStart(6, '0')}`,
      kind: 'consent',
      purpose: 'marketing',
      value: i % 2 === 0 ? 'granted' : 'withdrawn',
      policyVersion: 1,
      deviceId: 'device-0001',
      occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      source: 'privacy-centre',
    } as LedgerEvent;
  });
}

const permission = (id: string, value: string, deviceId = 'device-0001'): LedgerEvent =>
  ({ id, kind: 'permission', purpose: 'camera', value, policyVersion: 1, deviceId, occurredAt: '2026-01-02T00:00:00.000Z', source: 'feature' }) as LedgerEvent;

type Page = { state: unknown; events: (LedgerEvent & { seq: number })[]; next: number | null };

describe.each(testTargets())('GET /v1/me/consents and /v1/me/export on $name', (target) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await build(target, { CONSENT_EVENTS_PER_ACCOUNT: '1300' });
  });
  afterAll(async () => s?.close());

  const post = (token: string, events: LedgerEvent[]) => s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events } });
  const store = async (token: string, events: LedgerEvent[]) => {
    for (let i = 0; i < events.length; i += LIMITS.eventsPerBatch) expect((await post(token, events.slice(i, i + LIMITS.eventsPerBatch))).statusCode).toBe(200);
  };

  it("refuses a purpose or capability the deployed app does not declare, 20 times at once, and stores nothing", async () => {
    const { token, userId } = await s.login('undeclared');
    const [valid] = decisions('undeclared', 1);
    const batches: LedgerEvent[][] = [
      // A well-formed purpose the shop never declared, in a batch with a valid event.
      [valid!, { ...valid!, id: 'undeclared-lottery', purpose: 'lottery-draw' } as LedgerEvent],
      // A capability the module supports only by name: not one the contract knows.
      [{ ...permission('undeclared-mic', 'granted'), purpose: 'microphone' } as LedgerEvent],
    ];
    for (const events of batches) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(token, events)));
      expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(400));
      expect(answers.every((r) => errorCode(r) === 'BAD_REQUEST')).toBe(true);
    }
    expect((await post(token, batches[0]!)).json().error.message).toContain('"lottery-draw" is not a consent this app declares');
    expect(await s.app.repos.consents.list(userId)).toEqual([]);
    // The same valid event alone is stored once, whatever the race.
    const stored = await Promise.all(Array.from({ length: 20 }, () => post(token, [valid!])));
    expect(stored.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect((await s.app.repos.consents.list(userId)).map((e) => e.id)).toEqual([valid!.id]);
  });

  it('answers a long history page by page, in server order, with the whole state on every page', async () => {
    const { token, userId } = await s.login('pages');
    const events = decisions('page', 1_234);
    await store(token, events);
    const pages: Page[] = [];
    let url = '/v1/me/consents';
    for (;;) {
      const res = await s.app.inject({ url, headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      const page = res.json() as Page;
      expect(Object.keys(page).sort()).toEqual(['events', 'next', 'state']);
      pages.push(page);
      if (page.next === null) break;
      url = `/v1/me/consents?after=${page.next}`;
    }
    // Without a cursor (as older clients ask): the first page, of at most 500 events.
    expect(pages.map((p) => p.events.length)).toEqual([500, 500, 234]);
    const read = pages.flatMap((p) => p.events);
    expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id));
    // Written by the database, field for field what the rows read in the process give.
    expect(read).toEqual(await s.app.repos.consents.list(userId));
    expect(read.map((e) => e.seq)).toEqual([...read.map((e) => e.seq)].sort((a, b) => a - b));
    for (const p of pages) expect(p.state).toEqual(reduceLedger(events));
    expect(pages[0]!.next).toBe(read[499]!.seq);

    const two = (await s.app.inject({ url: `/v1/me/consents?after=${read[9]!.seq}&limit=2`, headers: bearer(token) })).json() as Page;
    expect(two.events.map((e) => e.id)).toEqual([events[10]!.id, events[11]!.id]);
    expect(two.next).toBe(read[11]!.seq);
    const end = (await s.app.inject({ url: `/v1/me/consents?after=${read[read.length - 1]!.seq}`, headers: bearer(token) })).json() as Page;
    expect(end).toEqual({ state: reduceLedger(events), events: [], next: null });
  });

  it('refuses a malformed page request with 400', async () => {
    const { token } = await s.login('bad-page');
    for (const q of ['after=-1', 'after=abc', 'after=1.5', 'limit=0', `limit=${LIMITS.eventsPerPage + 1}`, 'limit=', 'cursor=1', 'after=99999999999999999999']) {
      const res = await s.app.inject({ url: `/v1/me/consents?${q}`, headers: bearer(token) });
      expect({ q, status: res.statusCode, code: errorCode(res) }).toEqual({ q, status: 400, code: 'BAD_REQUEST' });
    }
  });

  it('exports the first page of the history with the whole state and where the rest starts', async () => {
    const { token } = await s.login('export-pages');
    const events = decisions('exp', 620);
    await store(token, events);
    const res = await s.app.inject({ url: '/v1/me/export', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { consents: Page };
    expect(body.consents.events.map((e) => e.id)).toEqual(events.slice(0, 500).map((e) => e.id));
    expect(body.consents.state).toEqual(reduceLedger(events));
    const rest = (await s.app.inject({ url: `/v1/me/consents?after=${body.consents.next}`, headers: bearer(token) })).json() as Page;
    expect(rest.events.map((e) => e.id)).toEqual(events.slice(500).map((e) => e.id));
    expect(rest.next).toBeNull();
  });

  it('does not store a repeated permission observation, and counts it as a duplicate', async () => {
    const { token } = await s.login('repeats');
    const batch1 = [permission('obs-00001', 'prompted'), permission('obs-00002', 'granted'), permission('obs-00003', 'granted'), permission('obs-00004', 'granted', 'device-0002')];
    expect((await post(token, batch1)).json()).toMatchObject({ accepted: 3, duplicates: 1 });
    // The same batch again (its answer was lost), then the next one, as the outbox sends them.
    expect((await post(token, batch1)).json()).toMatchObject({ accepted: 0, duplicates: 4 });
    const batch2 = [permission('obs-00005', 'granted'), permission('obs-00006', 'denied'), permission('obs-00007', 'denied')];
    expect((await post(token, batch2)).json()).toMatchObject({ accepted: 1, duplicates: 2 });
    // Resent with a later batch: the repeat it holds stays out, so the older value never comes last.
    expect((await post(token, [...batch2, permission('obs-00008', 'denied')])).json()).toMatchObject({ accepted: 0, duplicates: 4 });
    expect((await post(token, [permission('obs-00005', 'granted'), permission('obs-00006', 'denied')])).json()).toMatchObject({ accepted: 0, duplicates: 2 });
    const page = (await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).json() as Page;
    expect(page.events.map((e) => e.id)).toEqual(['obs-00001', 'obs-00002', 'obs-00004', 'obs-00006']);
    expect(page.state).toMatchObject({ permissions: { 'device-0001': { camera: { value: 'denied' } }, 'device-0002': { camera: { value: 'granted' } } } });
  });

  it('refuses with 409 and stores nothing once the history is full, but still stores withdrawals', async () => {
    const { token } = await s.login('full');
    await store(token, decisions('full', 1_299)); // ends granted
    const over = await post(token, [...decisions('more', 1, 1), ...decisions('more', 1, 2)]);
    expect({ status: over.statusCode, code: errorCode(over) }).toEqual({ status: 409, code: 'CONFLICT' });
    expect(over.json().error.message).toMatch(/history is full/);
    let page = (await s.app.inject({ url: '/v1/me/consents?after=0&limit=1', headers: bearer(token) })).json() as Page;
    expect(page.state).toMatchObject({ consents: { marketing: { value: 'granted' } } });
    // A withdrawal of a granted consent goes in over the bound; granting again does not, and nor does a second withdrawal.
    expect((await post(token, decisions('wd', 1, 1))).json()).toMatchObject({ accepted: 1 });
    expect((await post(token, decisions('wd', 1, 2))).statusCode).toBe(409);
    expect((await post(token, decisions('wd', 1, 3))).statusCode).toBe(409);
    page = (await s.app.inject({ url: '/v1/me/consents?after=0&limit=1', headers: bearer(token) })).json() as Page;
    expect(page.state).toMatchObject({ consents: { marketing: { value: 'withdrawn' } } });
    // A resend of what is stored is still answered as duplicates.
    expect((await post(token, decisions('wd', 1, 1))).json()).toMatchObject({ accepted: 0, duplicates: 1 });
    // Another shopper is not affected.
    const other = await s.login('not-full');
    expect((await post(other.token, decisions('ok', 3))).json()).toMatchObject({ accepted: 3 });
  });
});

describe('reading the history', () => {
  it('is rate limited per shopper', async () => {
    const s = await build({ name: 'pglite' }, { RATE_LIMIT_READS_PER_MINUTE: '3' });
    try {
      const a = await s.login('reader-a');
      const b = await s.login('reader-b');
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await s.app.inject({ url: '/v1/me/consents', headers: bearer(a.token) })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer(b.token) })).statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });
});
