/**
 * Client storage corruption, in the compiled weapp app on the simulated WeChat host: a shopper's
 * real storage (agreed, signed in, a consent granted, a language chosen) is taken, then every key
 * the app stored is damaged every way (missing, empty, not JSON, truncated, bit flips, wrong
 * types, future schema, bad checksum, oversized, another key's value) and the app relaunched on
 * it. Each time the app starts without an error, stays usable (catalogue, sheet, "me", privacy
 * centre), and what was intact is still in force.
 */
import { decodeLedger, LEDGER_FORMAT, LEDGER_SCHEMA_VERSION, sha256Hex } from '@maison/privacy/contract';
import type { RunningServer } from '../../server/src/index';
import { startFakeWechat, type FakeWechat } from '../../server/test/fakeWechat';
import { API, openCentre, startBackend, WECHAT } from '../weapp/app/shopper';
import { createDevice, launchWeapp, type WeappHost } from '../weapp/harness';

jest.setTimeout(600_000);

const LEDGER_KEY = 'privacy.ledger';

let wechat: FakeWechat;
let server: RunningServer;
let baseline: Record<string, unknown>;

beforeAll(async () => {
  wechat = await startFakeWechat(WECHAT);
  server = await startBackend(wechat.url);
  // A shopper's storage after real use of the app.
  const host = await launchWeapp({ httpRoutes: { [API]: server.url }, wxOptions: { login: () => 'ok:corruption' } });
  try {
    const centre = await openCentre(host);
    await centre.change('consent-switch-marketing', { value: true });
    // Switched on, the consent's own sheet opens; it counts once agreed there.
    await host.waitFor(() => centre.exists('consent-sheet'), { what: 'the marketing sheet' });
    await centre.tap('consent-agree');
    await host.flush();
    await host.runTimers({ withinMs: 120_000 });
    await host.flush();
    // A pending cancellation (its idempotency key and login code are stored until answered).
    await centre.tap('centre-cancel-account');
    await host.flush();
    const cancel = host.currentPage()!;
    await cancel.change('cancel-confirm', { value: true });
    await host.flush();
    await cancel.tap('cancel-submit');
    await host.waitFor(() => cancel.exists('cancel-status'), { what: 'pending cancellation' });
    // The policy read in English.
    const policy = await host.openPage('privacy-pages/policy/index');
    await host.flush();
    await policy.tap('policy-lang');
    await host.flush();
    expect(host.errors).toEqual([]);
    baseline = host.storage();
  } finally {
    host.close();
  }
});
afterAll(async () => {
  await server?.close();
  await wechat?.close();
});

/** Every way one stored value is damaged. `undefined` removes the key. */
function variants(value: unknown, other: unknown): [string, unknown][] {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const flip = (at: number) => text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 0x20) + text.slice(at + 1);
  const out: [string, unknown][] = [
    ['missing', undefined],
    ['empty', ''],
    ['not JSON', '{"oops": '],
    ['truncated to a quarter', text.slice(0, Math.floor(text.length / 4))],
    ['truncated by one character', text.slice(0, -1)],
    ['bit flip near the start', flip(Math.min(2, text.length - 1))],
    ['bit flip in the middle', flip(Math.floor(text.length / 2))],
    ['a number', 42],
    ['an array', [1, 'two', null]],
    ['null', null],
    ['an object', { unexpected: true }],
    ['oversized garbage', '\u0000'.repeat(300 * 1024)],
    ["another key's value", other],
  ];
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const field of ['schema', 'schemaVersion', 'v', 'version']) {
        if (field in parsed) out.push([`future ${field}`, JSON.stringify({ ...parsed, [field]: 999 })]);
      }
      if ('checksum' in parsed) out.push(['checksum mismatch', JSON.stringify({ ...parsed, checksum: '0'.repeat(64) })]);
    }
  } catch {
    // not JSON: the string variants above cover it
  }
  return out.filter(([, v]) => v !== value);
}

describe('every stored key, damaged every way', () => {
  it('was given a shopper storage with the module’s keys in it', () => {
    expect(Object.keys(baseline)).toEqual(expect.arrayContaining([LEDGER_KEY]));
    expect(Object.keys(baseline)).toEqual(expect.arrayContaining(['privacy.session', 'privacy.cancellation', 'privacy.deviceId']));
    expect(Object.keys(baseline).length).toBeGreaterThanOrEqual(6);
  });

  it('starts, stays usable and keeps what was intact', async () => {
    const keys = Object.keys(baseline).sort();
    const report: string[] = [];
    let launches = 0;
    for (const [i, key] of keys.entries()) {
      const other = baseline[keys[(i + 1) % keys.length]!];
      for (const [name, value] of variants(baseline[key], other)) {
        const storage = { ...baseline };
        if (value === undefined) delete storage[key];
        else storage[key] = value;
        let host: WeappHost | undefined;
        try {
          host = await launchWeapp({ device: createDevice({ privacyAgreed: true }, storage), httpRoutes: { [API]: server.url }, wxOptions: { login: () => 'ok:corruption' } });
          launches++;
          const home = await host.openPage();
          await host.flush();
          const where = `${key} ${name}`;
          expect({ where, catalogue: home.exists('catalogue') }).toEqual({ where, catalogue: true });
          if (key !== LEDGER_KEY) {
            // The decisions survived: no first-run sheet, marketing still granted.
            expect({ where, sheet: home.exists('privacy-sheet') }).toEqual({ where, sheet: false });
          } else if (home.exists('privacy-sheet')) {
            // A lost ledger asks again, and the answer works.
            await home.tap('privacy-agree');
            await host.flush();
            expect({ where, sheet: home.exists('privacy-sheet') }).toEqual({ where, sheet: false });
          }
          const me = await host.openPage('pages/me/index');
          await host.flush();
          await me.tap('me-privacy-centre');
          await host.flush();
          const centre = host.currentPage()!;
          expect({ where, centre: centre.route }).toEqual({ where, centre: 'privacy-pages/centre/index' });
          expect({ where, policyLink: centre.exists('centre-policy') }).toEqual({ where, policyLink: true });
          if (key !== LEDGER_KEY) expect({ where, marketing: centre.find('consent-switch-marketing')?.props.checked }).toEqual({ where, marketing: true });
          // A damaged ledger that held something is kept aside, not silently dropped.
          if (key === LEDGER_KEY && typeof value === 'string' && value.length > 0) {
            expect({ where, keptAside: Object.keys(host.storage()).some((k) => k.startsWith(`${LEDGER_KEY}.quarantine`)) }).toEqual({ where, keptAside: true });
          }
          expect({ where, errors: host.errors }).toEqual({ where, errors: [] });
          report.push(where);
        } finally {
          host?.close();
        }
      }
    }
    console.log(`storage corruption: ${launches} launches over ${keys.length} keys (${keys.join(', ')}), all usable`);
    expect(launches).toBe(report.length);
    expect(launches).toBeGreaterThanOrEqual(keys.length * 12);
  });
});

describe('a ledger stored by the previous release (schema 1, SHA-256 checksum)', () => {
  /** The shopper's ledger as the previous release wrote it: the same payload, schema 1. */
  const asSchema1 = (current: string) => {
    const payload = current.slice(current.indexOf('"payload":') + '"payload":'.length, -1);
    return `{"format":"${LEDGER_FORMAT}","schema":1,"checksum":"sha256:${sha256Hex(payload)}","payload":${payload}}`;
  };
  const launchWith = (ledger: string) =>
    launchWeapp({ device: createDevice({ privacyAgreed: true }, { ...baseline, [LEDGER_KEY]: ledger }), httpRoutes: { [API]: server.url }, wxOptions: { login: () => 'ok:corruption' } });

  it('is read after the update: the decisions stay in force, and the next write stores the current schema', async () => {
    const current = baseline[LEDGER_KEY];
    if (typeof current !== 'string') throw new Error('the ledger is stored as a string');
    expect(JSON.parse(current).schema).toBe(LEDGER_SCHEMA_VERSION);
    const v1 = asSchema1(current);
    expect(decodeLedger(v1)).toEqual(decodeLedger(current));
    const host = await launchWith(v1);
    try {
      const home = await host.openPage();
      await host.flush();
      expect(home.exists('catalogue')).toBe(true);
      expect(home.exists('privacy-sheet')).toBe(false);
      const me = await host.openPage('pages/me/index');
      await host.flush();
      await me.tap('me-privacy-centre');
      await host.flush();
      const centre = host.currentPage()!;
      expect(centre.route).toBe('privacy-pages/centre/index');
      expect(centre.find('consent-switch-marketing')?.props.checked).toBe(true);
      expect(Object.keys(host.storage()).filter((k) => k.startsWith(`${LEDGER_KEY}.quarantine`))).toEqual([]);
      expect(host.storage()[LEDGER_KEY]).toBe(v1);
      // A new decision rewrites the ledger in the current schema, history included.
      await centre.change('consent-switch-marketing', { value: false });
      await host.flush();
      const rewritten = host.storage()[LEDGER_KEY] as string;
      expect(JSON.parse(rewritten).schema).toBe(LEDGER_SCHEMA_VERSION);
      const before = decodeLedger(v1);
      const after = decodeLedger(rewritten);
      if (before.status !== 'ok' || after.status !== 'ok') throw new Error(`${before.status} / ${after.status}`);
      expect(after.entries.map((e) => e.event).slice(0, before.entries.length)).toEqual(before.entries.map((e) => e.event));
      expect(after.entries.at(-1)?.event).toMatchObject({ kind: 'consent', purpose: 'marketing', value: 'withdrawn' });
      expect(host.errors).toEqual([]);
    } finally {
      host.close();
    }
  });

  it('is still guarded by its checksum: a grant edited in is kept aside and the shopper asked again', async () => {
    const v1 = asSchema1(baseline[LEDGER_KEY] as string);
    const edited = v1.replace('"value":"granted"', '"value":"refused"');
    expect(edited).not.toBe(v1);
    expect(decodeLedger(edited)).toEqual({ status: 'corrupted', reason: 'checksum mismatch' });
    const host = await launchWith(edited);
    try {
      const home = await host.openPage();
      await host.flush();
      expect(home.exists('catalogue')).toBe(true);
      expect(home.exists('privacy-sheet')).toBe(true);
      const kept = Object.keys(host.storage()).filter((k) => k.startsWith(`${LEDGER_KEY}.quarantine`));
      expect(kept).toHaveLength(1);
      expect(JSON.parse(host.storage()[kept[0]!] as string)).toMatchObject({ status: 'corrupted', reason: 'checksum mismatch', blob: edited });
      expect(host.errors).toEqual([]);
    } finally {
      host.close();
    }
  });
});
