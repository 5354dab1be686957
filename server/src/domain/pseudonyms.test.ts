import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bearer, build, TEST_WECHAT, testTargets, type TestServer } from '../../test/helper';
import { Pseudonyms, PSEUDONYM_KEY_FILE, resolvePseudonymKey } from './pseudonyms';

jest.setTimeout(120_000);

const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

describe.each(testTargets())('keyed pseudonyms on $name', (target) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await build(target);
  });
  afterAll(async () => {
    await s?.close();
  });

  it("purged proofs and subject hashes cannot be matched from the shopper's own ids", async () => {
    const { token, userId } = await s.login('relink');
    const version = (await s.app.inject('/v1/policy/current?include=meta')).json().version;
    const deviceId = 'relink-device-01';
    const ev = { id: 'relink-event-1', kind: 'consent', purpose: 'marketing', value: 'granted', policyVersion: version, deviceId, occurredAt: '2025-01-02T03:04:05.000Z', source: 'privacy-centre' };
    expect((await s.app.inject({ method: 'POST', url: '/v1/me/consents', headers: bearer(token), payload: { events: [ev] } })).statusCode).toBe(200);
    // A WeChat user too: the subject hash must not be sha256 of the public app id and the openid.
    expect((await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'ok:relink-openid' } })).statusCode).toBe(201);
    const subjects = (await s.db.selectFrom('users').select('subject_hash').execute()).map((r) => r.subject_hash);
    expect(subjects).not.toContain(sha(`wx:${TEST_WECHAT.appId}:relink-openid`));
    expect(subjects).not.toContain(sha('dev:relink'));
    expect(subjects).toContain(s.app.pseudonyms.wechatSubject(TEST_WECHAT.appId, 'relink-openid'));

    const c = await s.app.inject({ method: 'POST', url: '/v1/me/cancellation', headers: { ...bearer(token), 'idempotency-key': 'relink-key-1' }, payload: { confirm: true, code: 'dev:relink', reason: 'moving' } });
    expect(c.statusCode).toBe(202);
    await s.app.purger.runOnce();

    // The client-made event id is not kept: the proof is found with the server's key.
    expect(await s.db.selectFrom('consent_events').select('seq').where('event_id', '=', ev.id).execute()).toEqual([]);
    const proofs = await s.db.selectFrom('consent_events').select(['subject_hash', 'device_id', 'user_id']).where('subject_hash', '=', s.app.pseudonyms.user(userId)).where('purpose', '=', 'marketing').execute();
    expect(proofs).toHaveLength(1);
    const [proof] = proofs;
    expect(proof!.user_id).toBeNull();
    // What the shopper holds (user id in the export, device id on the phone) does not find the proof.
    for (const guess of [sha(`user:${userId}`), sha(userId), userId]) expect(proof!.subject_hash).not.toBe(guess);
    for (const guess of [sha(`device:${deviceId}`), sha(deviceId), deviceId]) expect(proof!.device_id).not.toBe(guess);
    // The server's key does.
    expect(proof!.subject_hash).toBe(s.app.pseudonyms.user(userId));
    expect(proof!.device_id).toBe(s.app.pseudonyms.device(deviceId));
    const others = await s.db.selectFrom('cancellation_requests').select('subject_hash').where('subject_hash', '=', sha(`user:${userId}`)).execute();
    expect(others).toEqual([]);
  });

  it('moves a user stored under the old unkeyed hash to the keyed one at login, keeping the user id', async () => {
    const legacy = await s.db.insertInto('users').values({ id: '00000000-0000-4000-8000-00000000abcd', subject_hash: sha('dev:legacy-user') }).returning('id').executeTakeFirstOrThrow();
    const { userId } = await s.login('legacy-user');
    expect(userId).toBe(legacy.id);
    const row = await s.db.selectFrom('users').select('subject_hash').where('id', '=', userId).executeTakeFirstOrThrow();
    expect(row.subject_hash).toBe(s.app.pseudonyms.devSubject('legacy-user'));
  });
});

describe('the embedded demo key', () => {
  it('is created once in DATA_DIR, private, and read back after', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pseudonym-'));
    try {
      const first = resolvePseudonymKey(null, dir);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(resolvePseudonymKey(null, dir)).toBe(first);
      expect(fs.statSync(path.join(dir, PSEUDONYM_KEY_FILE)).mode & 0o077).toBe(0);
      expect(resolvePseudonymKey('x'.repeat(40), dir)).toBe('x'.repeat(40));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('subjects per login platform', () => {
  it('keys a Douyin openid apart from the same WeChat openid, and a dev name apart per platform', () => {
    const p = new Pseudonyms('k'.repeat(32));
    expect(p.douyinSubject('app-1', 'openid-1')).not.toBe(p.wechatSubject('app-1', 'openid-1'));
    expect(p.devSubject('alice', 'tt')).not.toBe(p.devSubject('alice', 'weapp'));
    // WeChat dev users keep the subject they had before platforms.
    expect(p.devSubject('alice', 'weapp')).toBe(p.devSubject('alice'));
  });
});
