import { sql } from 'kysely';
import { bearer, build, testTargets, type TestServer } from '../../test/helper';
import { purgeFixture } from '../../test/purgeFixtures';

jest.setTimeout(300_000);

/** The bytes of every file of every relation of the schema (heap, TOAST, indexes), read through the server. */
async function relationFiles(s: TestServer): Promise<Buffer> {
  // Tables over 1 GB continue in further segment files: the test tables are far smaller.
  const r = await sql<{ b: Buffer | Uint8Array | null }>`select pg_read_binary_file(pg_relation_filepath(c.oid), 0, pg_relation_size(c.oid), true) as b
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where (n.nspname = current_schema() or n.nspname = 'pg_toast') and c.relkind in ('r', 'i', 't') and pg_relation_filepath(c.oid) is not null and pg_relation_size(c.oid) > 0`.execute(s.db);
  return Buffer.concat(r.rows.filter((row) => row.b).map((row) => Buffer.from(row.b!)));
}

describe.each(testTargets())('purged data on disk, $name', (target) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await build(target);
  });
  afterAll(async () => {
    await s?.close();
  });

  it("after a purge and a checkpoint no relation file holds the shopper's identifiers or free text", async () => {
    const version = (await s.app.inject('/v1/policy/current?include=meta')).json().version;
    const p = await purgeFixture(s, version, 'ondisk');
    // A neighbour whose rows stay live shares the pages with the purged ones.
    const n = await s.login('neighbour');
    const ev = { id: 'neighbour-event-1', kind: 'consent', purpose: 'marketing', value: 'granted', policyVersion: version, deviceId: 'neighbour-device', occurredAt: '2025-01-02T03:04:05.000Z', source: 'privacy-centre' };
    expect((await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(n.token), payload: { events: [ev] } })).statusCode).toBe(200);
    await sql`checkpoint`.execute(s.db);
    const secrets: [string, Buffer][] = [
      ['device id', Buffer.from(p.deviceId)],
      ['reason', Buffer.from(`reason of ${p.name}`)],
      ['user id (uuid bytes)', Buffer.from(p.userId.replace(/-/g, ''), 'hex')],
      ['user id (text)', Buffer.from(p.userId)],
    ];
    const found = (files: Buffer) => secrets.filter(([, b]) => files.includes(b)).map(([name]) => name);
    const before = await relationFiles(s);
    expect(found(before)).toEqual(expect.arrayContaining(['device id', 'reason', 'user id (uuid bytes)']));

    // A request begun before the purge (reading another table) holds a snapshot that still sees the purged rows: the
    // compaction waits for it to end instead of copying those rows into the new files.
    const earlier =
      target.name === 'postgres'
        ? s.db
            .transaction()
            .setIsolationLevel('repeatable read')
            .execute(async (tx) => {
              await sql`select count(*) from policy_versions`.execute(tx);
              await new Promise((resolve) => setTimeout(resolve, 1_500));
            })
        : Promise.resolve();
    await s.app.purger.runOnce();
    await s.app.purger.compact();
    await earlier;
    await sql`checkpoint`.execute(s.db);
    const after = await relationFiles(s);
    expect(found(after)).toEqual([]);
    // The neighbour's data is still there (the scan does read the files).
    expect(after.includes(Buffer.from('neighbour-device'))).toBe(true);
  });
});
