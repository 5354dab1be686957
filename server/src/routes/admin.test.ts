import { COLLECTION_LIST, SHARING_LIST } from '../../../src/shop/privacy-content';
import { GAPS_OVERRIDE, bearer, build, publishPolicy, tableChecksums, testTargets, tinyPolicy, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

describe.each(testTargets())('policy publishing and list edits on $name', (target) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await build(target);
    await publishPolicy(s, tinyPolicy('admin'), true);
  });
  afterAll(async () => s?.close());

  const newDraft = async (tag: string): Promise<number> => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: bearer(s.publisher), payload: { content: tinyPolicy(tag, true) } });
    expect(res.statusCode).toBe(201);
    return res.json().version as number;
  };
  const auditOf = async (action: string, target: string) => {
    const rows = await s.db.selectFrom('audit_log').select(['action', 'target']).where('action', '=', action).where('target', '=', target).execute();
    return rows.length;
  };

  // Each publish read the draft, then updated it without checking that the update took: two
  // publishes at once both answered 200 and wrote two audit entries.
  it('publishes a draft once when several publishes race, from two processes', async () => {
    const version = await newDraft('race');
    const other = await s.another();
    const apps = [s.app, other];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        apps[i % 2]!.inject({
          method: 'POST',
          url: `/v1/admin/policies/${version}/publish`,
          headers: bearer(s.publisher),
          payload: { material: i % 3 === 0, summary: { zh: `变更 ${i}`, en: `Change ${i}` }, override: GAPS_OVERRIDE },
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([200, ...Array<number>(11).fill(409)]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error.code).toBe('CONFLICT');
    expect(await auditOf('policy.publish', `policy:${version}`)).toBe(1);
    // What the winner was told is what is stored.
    const winner = answers.find((a) => a.statusCode === 200)!.json();
    const stored = (await s.app.inject({ url: `/v1/admin/policies/${version}`, headers: bearer(s.viewer) })).json();
    expect({ status: stored.status, summary: stored.summary, material: stored.material }).toEqual({ status: 'published', summary: winner.summary, material: winner.material });
  });

  it('answers a publish of what is already published with 409 and no audit entry', async () => {
    const version = await newDraft('twice');
    const publish = () => s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/publish`, headers: bearer(s.publisher), payload: { material: false, summary: { zh: '变更', en: 'Change' }, override: GAPS_OVERRIDE } });
    expect((await publish()).statusCode).toBe(200);
    expect((await publish()).statusCode).toBe(409);
    expect(await auditOf('policy.publish', `policy:${version}`)).toBe(1);
  });

  // The list check asked `name in fields`, which is true for every name an object inherits.
  it.each(['toString', 'constructor', '__defineGetter__', 'hasOwnProperty', '__proto__'])('refuses a list row with a field named %s and stores nothing', async (name) => {
    const version = await newDraft(`lists-${name}`);
    for (const [kind, list] of [['collection', COLLECTION_LIST], ['sharing', SHARING_LIST]] as const) {
      const row = JSON.stringify(list[0]).replace(/^\{/, `{${JSON.stringify(name)}:{"zh":"x","en":"x"},`);
      const before = await tableChecksums(s.db);
      const res = await s.app.inject({
        method: 'PUT',
        url: `/v1/admin/lists/${version}/${kind}`,
        headers: { ...bearer(s.publisher), 'content-type': 'application/json' },
        payload: `{"items":[${row}]}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
      // `__proto__` is refused by the body parser already; the others by the list check, by name.
      if (name !== '__proto__') expect(res.json().error.message).toBe(`Invalid ${kind} list: [0]: unknown field "${name}"`);
      expect(await tableChecksums(s.db)).toEqual(before);
    }
    const lists = (await s.app.inject({ url: `/v1/admin/lists/${version}`, headers: bearer(s.viewer) })).json();
    expect([lists.collection.source, lists.sharing.source]).not.toContain('stored');
  });
});
