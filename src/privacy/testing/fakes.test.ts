import { StorageQuotaError, type PrivacyAuthorizationResolution } from '../ports';
import { FakeWechatPrivacy } from './FakeWechatPrivacy';
import { ManualClock } from './ManualClock';
import { MemoryStorage, utf8Bytes } from './MemoryStorage';
import { SequentialIds, seededRandom } from './ids';

describe('MemoryStorage', () => {
  it('holds WeChat limits: 1 MB per key (key + value) and 10 MB in all', async () => {
    const s = new MemoryStorage();
    await expect(s.set('k', 'x'.repeat(1024 * 1024))).rejects.toBeInstanceOf(StorageQuotaError);
    await s.set('k', 'x'.repeat(1024 * 1024 - 1));
    for (let i = 0; i < 9; i++) await s.set(`k${i}`, 'x'.repeat(1024 * 1024 - 2));
    await expect(s.set('last', 'x'.repeat(1000))).rejects.toThrow('exceed storage max size');
    await s.set('k', 'small'); // replacing frees the old value's bytes
    await s.set('last', 'x'.repeat(1000));
  });

  it('counts UTF-8 bytes (Chinese takes three, emoji four)', () => {
    expect(utf8Bytes('a')).toBe(1);
    expect(utf8Bytes('隐私')).toBe(6);
    expect(utf8Bytes('😀')).toBe(4);
  });

  it('fails the next matching operation once', async () => {
    const s = new MemoryStorage();
    s.failNext('set', new Error('boom'), 'a');
    await s.set('b', '1');
    await expect(s.set('a', '1')).rejects.toThrow('boom');
    await s.set('a', '1');
    expect(await s.keys()).toEqual(['b', 'a']);
  });
});

describe('ManualClock', () => {
  it('fires due timers in time order and lets cancelled ones go', async () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    clock.setTimeout(() => fired.push('a'), 100);
    const cancel = clock.setTimeout(() => fired.push('never'), 150);
    cancel();
    await clock.advance(150);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(150);
    await clock.runAll();
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(200);
  });
});

describe('ids and random', () => {
  it('makes valid, distinct ids and a repeatable sequence', () => {
    const ids = new SequentialIds('evt');
    expect(ids.newId()).toBe('evt-000001');
    expect(ids.newId()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const a = seededRandom(5);
    const b = seededRandom(5);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('FakeWechatPrivacy, as WeChat documents its privacy framework', () => {
  it('after the agree button: needAuthorization is false and requirePrivacyAuthorize succeeds at once, with no event', async () => {
    const wechat = new FakeWechatPrivacy();
    const events: string[] = [];
    wechat.onNeedPrivacyAuthorization(() => events.push('need'));
    wechat.needAuthorization = true;
    wechat.agree();
    await expect(wechat.getPrivacySetting()).resolves.toEqual({ needAuthorization: false, privacyContractName: '' });
    await expect(wechat.requirePrivacyAuthorize()).resolves.toBe('agreed');
    expect(events).toEqual([]);
  });

  it('while WeChat waits: the listener fires, and its agree or disagree ends the call', async () => {
    const wechat = new FakeWechatPrivacy();
    wechat.needAuthorization = true;
    const answers: ((r: PrivacyAuthorizationResolution) => void)[] = [];
    wechat.onNeedPrivacyAuthorization((resolve, info) => {
      expect(info.referrer).toBe('requirePrivacyAuthorize');
      resolve({ event: 'exposureAuthorization' });
      answers.push(resolve);
    });
    const refused = wechat.requirePrivacyAuthorize();
    answers[0]({ event: 'disagree' });
    await expect(refused).resolves.toBe('refused');
    expect(wechat.needAuthorization).toBe(true);

    const agreed = wechat.requirePrivacyAuthorize();
    answers[1]({ event: 'agree', buttonId: 'privacy-agree' });
    await expect(agreed).resolves.toBe('agreed');
    expect(wechat.needAuthorization).toBe(false);
    expect(wechat.resolutions.map((r) => r.event)).toEqual(['exposureAuthorization', 'disagree', 'exposureAuthorization', 'agree']);
  });

  it("with no listener, WeChat's own popup: answered from `answer`, and unscripted it throws", async () => {
    const wechat = new FakeWechatPrivacy();
    wechat.needAuthorization = true;
    await expect(wechat.requirePrivacyAuthorize()).rejects.toThrow(/no answer scripted/);
    wechat.answer = 'refused';
    await expect(wechat.requirePrivacyAuthorize()).resolves.toBe('refused');
    expect(wechat.needAuthorization).toBe(true);
    wechat.answer = 'agreed';
    await expect(wechat.requirePrivacyAuthorize()).resolves.toBe('agreed');
    expect(wechat.needAuthorization).toBe(false);
  });
});
