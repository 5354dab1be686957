import { sql } from 'kysely';
import { GUARDIAN_RULES } from '../services/GuardianConfirmations';
import { build, errorCode, testTargets, type TestServer } from '../../test/helper';
import { UNREACHABLE_PHONE } from '../../test/fakeSms';

jest.setTimeout(120_000);

describe.each(testTargets())("A guardian's confirmation by SMS code on $name", (target) => {
  let s: TestServer;
  let n = 0;
  beforeAll(async () => {
    s = await build(target);
  });
  afterAll(async () => s?.close());

  /** A fresh device id and guardian number per test: the limits are per number and per device. */
  const fresh = () => {
    n++;
    return { deviceId: `guardian-dev-${String(n).padStart(4, '0')}`, phone: `1380000${String(n).padStart(4, '0')}` };
  };
  const ask = (deviceId: string, phone: string) => s.app.inject({ method: 'POST', url: '/v1/guardian-codes', payload: { deviceId, phone } });
  const verify = (id: string, deviceId: string, code: string) => s.app.inject({ method: 'POST', url: `/v1/guardian-codes/${id}/verification`, payload: { deviceId, code } });
  const register = (name: string, guardianProof?: string) => s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: `dev:${name}`, ...(guardianProof ? { guardianProof } : {}) } });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('sends a code through the provider (signed as Tencent Cloud documents), and the registration spends its proof once', async () => {
    const { deviceId, phone } = fresh();
    const asked = await ask(deviceId, phone);
    expect(asked.statusCode).toBe(201);
    expect(asked.headers['cache-control']).toBe('no-store');
    const { id } = asked.json() as { id: string };
    const code = s.sms.lastCode(`+86${phone}`)!;
    expect(code).toMatch(/^\d{6}$/);
    expect(s.sms.sent.at(-1)!.params).toEqual([code, String(GUARDIAN_RULES.codeTtlMs / 60_000)]);
    expect(s.sms.refusedSignatures).toBe(0);

    const ok = await verify(id, deviceId, code);
    expect(ok.statusCode).toBe(200);
    const { proof } = ok.json() as { proof: string };
    // The same code again (a lost answer, a second tap) gives the same proof.
    expect((await verify(id, deviceId, code)).json()).toEqual(ok.json());

    const made = await register('guardian-minor-1', proof);
    expect(made.statusCode).toBe(201);
    const { userId, token } = made.json() as { userId: string; token: string };
    // The account's export shows the confirmation as kept: its time and the hash, not the number.
    const exported = (await s.app.inject({ url: '/v1/me/export', headers: { authorization: `Bearer ${token}` } })).json() as { guardianConfirmations: { phoneHash: string }[] };
    expect(exported.guardianConfirmations).toEqual([{ confirmedAt: expect.any(String), phoneHash: s.app.pseudonyms.guardianPhone(`+86${phone}`) }]);
    // The proof is spent: not a second account, and the code is used.
    expect(errorCode(await register('guardian-minor-2', proof))).toBe('GUARDIAN_PROOF_INVALID');
    expect(errorCode(await verify(id, deviceId, code))).toBe('CONFLICT');

    // Kept as the proof of the guardian's consent: the number only as a keyed hash, never as such.
    const row = await s.db.selectFrom('guardian_confirmations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.user_id).toBe(userId);
    expect(row.device_id).toBe(s.app.pseudonyms.device(deviceId));
    expect(row.phone_hash).toBe(s.app.pseudonyms.guardianPhone(`+86${phone}`));
    const everything = JSON.stringify(await s.db.selectFrom('guardian_confirmations').selectAll().execute());
    expect(everything).not.toContain(phone);
    expect(everything).not.toContain(code);
  });

  it('spends a proof once when 20 registrations carry it at the same moment', async () => {
    const { deviceId, phone } = fresh();
    const { id } = (await ask(deviceId, phone)).json() as { id: string };
    const { proof } = (await verify(id, deviceId, s.sms.lastCode(`+86${phone}`)!)).json() as { proof: string };
    const before = Number((await sql<{ n: number }>`select count(*)::int as n from users`.execute(s.db)).rows[0]!.n);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => register(`guardian-race-${i}`, proof)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode !== 201).map(errorCode)).toEqual(Array(19).fill('GUARDIAN_PROOF_INVALID'));
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from users`.execute(s.db)).rows[0]!.n)).toBe(before + 1);
  });

  it('refuses a forged proof, and a proof with a returning sign-in', async () => {
    const forged = `00000000-0000-4000-8000-000000000000.${'a'.repeat(64)}`;
    expect(errorCode(await register('guardian-forger', forged))).toBe('GUARDIAN_PROOF_INVALID');
    const returning = await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:guardian-forger', existing: true, guardianProof: forged } });
    expect(returning.statusCode).toBe(400);
    // No account was made for either.
    expect((await s.app.inject({ method: 'POST', url: '/v1/sessions', payload: { code: 'dev:guardian-forger', existing: true } })).statusCode).toBe(204);
  });

  it('counts wrong codes, then spends the code; another device cannot try it', async () => {
    const { deviceId, phone } = fresh();
    const { id } = (await ask(deviceId, phone)).json() as { id: string };
    const code = s.sms.lastCode(`+86${phone}`)!;
    expect((await verify(id, 'other-device-01', code)).statusCode).toBe(404);
    for (let left = GUARDIAN_RULES.maxAttempts - 1; left >= 0; left--) {
      const res = await verify(id, deviceId, wrong(code));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'GUARDIAN_CODE_WRONG', attemptsLeft: left } });
    }
    expect((await verify(id, deviceId, code)).statusCode).toBe(429);
  });

  it('refuses an expired code', async () => {
    const { deviceId, phone } = fresh();
    const { id } = (await ask(deviceId, phone)).json() as { id: string };
    await s.db.updateTable('guardian_confirmations').set({ expires_at: sql`now() - interval '1 second'` }).where('id', '=', id).execute();
    const res = await verify(id, deviceId, s.sms.lastCode(`+86${phone}`)!);
    expect(res.statusCode).toBe(410);
    expect(errorCode(res)).toBe('GUARDIAN_CODE_EXPIRED');
  });

  it('answers a second tap within a minute with the code already sent, and limits codes per number and per device', async () => {
    const { deviceId, phone } = fresh();
    const before = s.sms.sent.length;
    const first = await ask(deviceId, phone);
    const again = await ask(deviceId, `+86${phone}`);
    expect(again.json()).toEqual(first.json());
    expect(s.sms.sent.length).toBe(before + 1);

    // Per number: from other devices, up to the limit.
    for (let i = 1; i < GUARDIAN_RULES.perPhone; i++) expect((await ask(`${deviceId}-p${i}`, phone)).statusCode).toBe(201);
    expect((await ask(`${deviceId}-pX`, phone)).statusCode).toBe(429);

    // Per device: to other numbers, up to the limit.
    const device = fresh().deviceId;
    for (let i = 0; i < GUARDIAN_RULES.perDevice; i++) expect((await ask(device, `1370000${String(i).padStart(4, '0')}`)).statusCode).toBe(201);
    const over = await ask(device, '13600000000');
    expect(over.statusCode).toBe(429);
    expect(errorCode(over)).toBe('RATE_LIMITED');
  });

  it('keeps nothing when the provider refuses the number or is down', async () => {
    const { deviceId, phone } = fresh();
    const count = async () => Number((await s.db.selectFrom('guardian_confirmations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await count();
    expect((await ask(deviceId, UNREACHABLE_PHONE)).statusCode).toBe(400);
    s.sms.down = true;
    try {
      const res = await ask(deviceId, phone);
      expect(res.statusCode).toBe(503);
    } finally {
      s.sms.down = false;
    }
    expect(await count()).toBe(rows);
  });

  it('refuses bad numbers and codes before anything is sent', async () => {
    const before = s.sms.sent.length;
    for (const phone of ['12345', '+1 5551234567', '02112345678', '１３８００００００００']) expect((await ask('guardian-dev-bad', phone)).statusCode).toBe(400);
    expect((await verify('not-a-uuid', 'guardian-dev-bad', '123456')).statusCode).toBe(400);
    expect((await verify('00000000-0000-4000-8000-000000000000', 'guardian-dev-bad', '12345a')).statusCode).toBe(400);
    expect(s.sms.sent.length).toBe(before);
  });

  it('deletes a confirmation that made no account a day after it was asked for', async () => {
    const { deviceId, phone } = fresh();
    const { id } = (await ask(deviceId, phone)).json() as { id: string };
    await s.db.updateTable('guardian_confirmations').set({ created_at: sql`now() - interval '25 hours'` }).where('id', '=', id).execute();
    await ask(fresh().deviceId, fresh().phone);
    expect(await s.db.selectFrom('guardian_confirmations').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });
});
