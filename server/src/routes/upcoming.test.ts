import { bearer, build, GAPS_OVERRIDE, publishPolicy, testTargets, tinyPolicy, type TestServer } from '../../test/helper';

jest.setTimeout(120_000);

/**
 * Advance notice (the seed promises notice before a major change): a material version whose
 * activation ops schedule for later is announced with the version in force from that moment, and
 * can be read before it takes effect; a non-material one, or one with no activation, is not.
 */
describe.each(testTargets())('a material version scheduled for later, on $name', (target) => {
  let s: TestServer;
  let current: number;
  beforeAll(async () => {
    s = await build(target);
    current = await publishPolicy(s, tinyPolicy('now'), true);
  });
  afterAll(async () => s?.close());

  async function publish(tag: string, material: boolean): Promise<number> {
    const h = bearer(s.publisher);
    const { version } = (await s.app.inject({ method: 'POST', url: '/v1/admin/policies', headers: h, payload: { content: tinyPolicy(tag) } })).json() as { version: number };
    const res = await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/publish`, headers: h, payload: { material, summary: { zh: `${tag} 变更`, en: `${tag} changes` }, override: GAPS_OVERRIDE } });
    expect(res.statusCode).toBe(200);
    return version;
  }
  const schedule = async (version: number, at: string) =>
    (await s.app.inject({ method: 'POST', url: `/v1/admin/policies/${version}/activate`, headers: bearer(s.publisher), payload: { at } })).json();
  const meta = async (lang: 'zh' | 'en') => (await s.app.inject(`/v1/policy/current?include=meta&lang=${lang}`)).json();

  it('is announced from the moment it is scheduled, with its date, summary and changes, and readable before it takes effect', async () => {
    const unannounced = await publish('later', true);
    // Published but not scheduled: neither announced nor readable.
    expect(await meta('zh')).not.toHaveProperty('upcoming');
    expect((await s.app.inject(`/v1/policy/versions/${unannounced}`)).statusCode).toBe(404);

    const at = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
    expect(await schedule(unannounced, at)).toMatchObject({ version: unannounced, scheduled: true });
    const zh = await meta('zh');
    expect(zh.version).toBe(current);
    expect(zh.upcoming).toEqual({
      version: unannounced,
      effectiveAt: at,
      summary: 'later 变更',
      changedSections: ['introduction'],
      changes: [{ section: 'introduction', sentences: ['zh intro later'] }],
    });
    expect((await meta('en')).upcoming.summary).toBe('later changes');
    const read = await s.app.inject(`/v1/policy/versions/${unannounced}?lang=en`);
    expect(read.statusCode).toBe(200);
    expect(read.json().content.texts.en.sections[0].blocks[0].text).toBe('en intro later');
  });

  it('does not announce a non-material version, even one scheduled sooner', async () => {
    const minor = await publish('minor', false);
    await schedule(minor, new Date(Date.now() + 24 * 3600_000).toISOString());
    // The material one, scheduled after it, is still the one announced.
    expect((await meta('zh')).upcoming.summary).toBe('later 变更');
  });
});
