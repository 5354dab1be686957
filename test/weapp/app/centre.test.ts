/**
 * The privacy centre in the production weapp build against the real backend: regulator items 7
 * (withdrawal as easy as consent, and the use stops) and 8 (both lists reachable from the centre).
 */
import { launchWeapp, type PageHandle, type WeappHost } from '../harness';
import { API, openCentre as openShopperCentre, useBackend } from './shopper';

jest.setTimeout(240_000);

const backend = useBackend({ coolingOffSeconds: 600 });
let host: WeappHost | undefined;

afterEach(() => host?.close());

async function serverConsents(openid: string): Promise<{ state: { policy: { value: string } | null; consents: Record<string, { value: string }> } }> {
  const { token } = (await (await fetch(`${backend.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `ok:${openid}` }) })).json()) as { token: string };
  return (await (await fetch(`${backend.url}/v1/me/consents`, { headers: { authorization: `Bearer ${token}` } })).json()) as never;
}

/** Polls the server while letting the app's outbox run. */
async function untilServer(openid: string, ok: (s: Awaited<ReturnType<typeof serverConsents>>) => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await host!.runTimers({ withinMs: 120_000 });
    await host!.flush();
    if (ok(await serverConsents(openid))) return;
    if (Date.now() > deadline) throw new Error('server state did not change');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function openCentre(openid: string, register = true): Promise<PageHandle> {
  host = await launchWeapp({ httpRoutes: { [API]: backend.url }, wxOptions: { login: () => `ok:${openid}` } });
  return openShopperCentre(host, register);
}

test('the centre lists the policy, both lists, each permission with purpose and status, and unticked switches for the consents the app asks for only', async () => {
  const centre = await openCentre('lists', false);
  for (const id of ['centre-policy', 'centre-collection', 'centre-sharing', 'centre-contact', 'centre-cancel-account', 'centre-history']) expect(centre.exists(id)).toBe(true);
  for (const c of ['camera', 'location', 'bluetooth']) {
    expect(centre.textOf(`centre-perm-${c}-purpose`).length).toBeGreaterThan(5);
    expect(centre.exists(`centre-perm-${c}-status`)).toBe(true);
    expect(centre.exists(`centre-perm-${c}-change`)).toBe(true);
  }
  for (const p of ['marketing', 'personalisation', 'cross-border', 'dealer-sharing', 'tracking-analytics']) {
    expect(centre.exists(`consent-switch-${p}`)).toBe(true);
    expect(centre.find(`consent-switch-${p}`)?.props.checked).not.toBe(true);
  }
  // No feature of the app uses these: no switch to give them.
  for (const p of ['sensitive', 'sensitive-refund', 'sensitive-payment', 'public-disclosure', 'affiliate-sharing', 'tracking-functional', 'tracking-advertising', 'tracking-social', 'guardian']) {
    expect(centre.exists(`consent-switch-${p}`)).toBe(false);
  }
  await centre.tap('centre-collection');
  await host!.flush();
  expect(host!.currentPage()!.route).toBe('privacy-pages/collection/index');
  expect(host!.errors).toEqual([]);
});

test('the centre leads to the request desk', async () => {
  const centre = await openCentre('desk-link');
  expect(centre.textOf('centre-requests')).toContain('我的请求');
  await centre.tap('centre-requests');
  await host!.flush();
  expect(host!.currentPage()!.route).toBe('privacy-pages/requests/index');
  expect(host!.errors).toEqual([]);
});

/** Switches a consent on in the centre and agrees on the sheet that opens. */
async function switchOnAndAgree(centre: PageHandle, purpose: string): Promise<void> {
  await centre.change(`consent-switch-${purpose}`, { value: true });
  await host!.waitFor(() => centre.exists('consent-sheet'), { what: `${purpose} sheet` });
  await centre.tap('consent-agree');
  await host!.flush();
}

test('withdrawing marketing with one switch changes the server state; the export shows the events', async () => {
  const centre = await openCentre('switches');
  await switchOnAndAgree(centre, 'marketing');
  await untilServer('switches', (s) => s.state.consents.marketing?.value === 'granted');
  expect(centre.find('consent-switch-marketing')?.props.checked).toBe(true);
  await centre.change('consent-switch-marketing', { value: false });
  await host!.flush();
  // The use stops at once, before the server hears of it.
  expect(centre.find('consent-switch-marketing')?.props.checked).not.toBe(true);
  await untilServer('switches', (s) => s.state.consents.marketing?.value === 'withdrawn');
  expect(centre.allText()).toContain('您撤回了接收营销信息');
  await centre.tap('centre-export');
  await host!.waitFor(() => centre.exists('centre-export-summary'), { what: 'export' });
  expect(centre.textOf('export-authorisation-records')).toContain('营销通信');
  expect(centre.textOf('export-authorisation-records')).toContain('已撤回');
  const [file] = [...(host!.device.files?.values() ?? [])];
  expect(file).toContain('"purpose": "marketing"');
  expect(file).toContain('"value": "withdrawn"');
});

test('withdrawing the policy agreement: browse-only, consents withdrawn on the server, cancellation offered', async () => {
  const centre = await openCentre('withdraw-policy');
  await switchOnAndAgree(centre, 'personalisation');
  await untilServer('withdraw-policy', (s) => s.state.consents.personalisation?.value === 'granted');
  await centre.tap('centre-withdraw-policy');
  await host!.flush();
  await centre.tap('centre-withdraw-yes');
  await host!.flush();
  await untilServer('withdraw-policy', (s) => s.state.policy?.value === 'refused');
  // Said stopped once the server has the withdrawal.
  await host!.waitFor(() => centre.textOf('centre-agreement-state').startsWith('已撤回。我们已停止使用您的个人信息。'), { what: 'acknowledged withdrawal note' });
  expect(centre.textOf('centre-agreement-state')).toContain('注销');
  expect(centre.exists('centre-agree-policy')).toBe(true);
  expect(centre.exists('centre-cancel-account')).toBe(true);
  expect(centre.find('consent-switch-personalisation')?.props.checked).not.toBe(true);
  await untilServer('withdraw-policy', (s) => s.state.consents.personalisation?.value === 'withdrawn' && s.state.policy?.value === 'refused');
});

test("a permission the phone's own switch turns off offers a re-check, never WeChat's settings", async () => {
  host = await launchWeapp({ httpRoutes: { [API]: backend.url }, device: { system: { bluetoothEnabled: false } } });
  const centre = await openShopperCentre(host, false);
  expect(centre.textOf('centre-perm-bluetooth-status')).toContain('手机系统中关闭');
  expect(centre.textOf('centre-perm-bluetooth-change')).toBe('重新检查');
  const settingsBefore = host.callsTo('openSetting').length;
  host.device.settings.system.bluetoothEnabled = true;
  await centre.tap('centre-perm-bluetooth-change');
  await host.flush();
  expect(host.callsTo('openSetting').length).toBe(settingsBefore);
  expect(centre.textOf('centre-perm-bluetooth-status')).toBe('未允许');
  expect(centre.textOf('centre-perm-bluetooth-change')).toBe('允许');
  expect(host.errors).toEqual([]);
});

test('switching on cross-border opens its sheet with the overseas recipient; nothing is granted or sent before 同意, 不同意 leaves it off', async () => {
  const centre = await openCentre('centre-cross-border');
  await centre.change('consent-switch-cross-border', { value: true });
  await host!.waitFor(() => centre.exists('consent-sheet'), { what: 'cross-border sheet' });
  expect(centre.textOf('consent-sheet-title')).toBe('个人信息出境');
  const sheet = centre.textOf('consent-sheet');
  for (const word of ['Richemont International SA', '1293 Bellevue', '《个人信息保护法》第三十九条']) expect(sheet).toContain(word);
  // The outbox has had its chance: still nothing on the server.
  await host!.runTimers({ withinMs: 120_000 });
  await host!.flush();
  expect((await serverConsents('centre-cross-border')).state.consents['cross-border']).toBeUndefined();
  await centre.tap('consent-refuse');
  await host!.flush();
  expect(centre.exists('consent-sheet')).toBe(false);
  expect(centre.find('consent-switch-cross-border')?.props.checked).not.toBe(true);
  await untilServer('centre-cross-border', (s) => s.state.consents['cross-border']?.value === 'refused');

  await switchOnAndAgree(centre, 'cross-border');
  expect(centre.find('consent-switch-cross-border')?.props.checked).toBe(true);
  await untilServer('centre-cross-border', (s) => s.state.consents['cross-border']?.value === 'granted');
  // Withdrawing is one tap: no sheet.
  await centre.change('consent-switch-cross-border', { value: false });
  await host!.flush();
  expect(centre.exists('consent-sheet')).toBe(false);
  await untilServer('centre-cross-border', (s) => s.state.consents['cross-border']?.value === 'withdrawn');
  expect(host!.errors).toEqual([]);
});

test('the dealer consent is asked where the dealer is picked: its switch cannot be turned on in the centre, and says so', async () => {
  const centre = await openCentre('centre-dealer', false);
  expect(centre.find('consent-switch-dealer-sharing')?.props.disabled).toBe(true);
  expect(centre.textOf('consent-at-use-dealer-sharing')).toContain('您所选的授权经销商');
  expect(centre.find('consent-switch-marketing')?.props.disabled).not.toBe(true);
  expect(host!.errors).toEqual([]);
});

test("the centre's contact phone is dialled and its e-mail address copied with a tap", async () => {
  const centre = await openCentre('centre-contact', false);
  const links = centre.findAll((n) => n.hasUserId && /^centre-contact-\d+-(phone|email)-\d+$/.test(n.id));
  const phone = links.find((n) => n.id.includes('-phone-'));
  const email = links.find((n) => n.id.includes('-email-'));
  expect(phone && centre.textOf(phone.id)).toBe('+86 400 885 6618');
  expect(email && centre.textOf(email.id)).toBe('customerservice.cn@cartier.com');
  await centre.tap(phone!.id);
  await host!.flush();
  expect(host!.callsTo('makePhoneCall').map((c) => c.args[0])).toEqual([expect.objectContaining({ phoneNumber: '+864008856618' })]);
  await centre.tap(email!.id);
  await host!.flush();
  expect(host!.callsTo('setClipboardData').map((c) => c.args[0])).toEqual([expect.objectContaining({ data: 'customerservice.cn@cartier.com' })]);
  expect(host!.errors).toEqual([]);
});
