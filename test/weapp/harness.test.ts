/**
 * The harness itself: it runs the app's production build (whatever its pages are) and a small
 * fixture app (test/weapp/fixture) that exercises taps, bubbling, CustomWrapper, form events, the
 * privacy event, openSetting's tap rule, navigation, background/foreground and relaunch.
 */
import { ensureFixtureBuild } from './fixture-build';
import { ensureWeappBuild, launchWeapp, textContent, type PageHandle, type WeappHost } from './harness';

const BUILD_TIMEOUT = 240_000;

describe('the app build in the simulated host', () => {
  let host: WeappHost | undefined;
  // Built up front so the first test does not spend its time budget building.
  beforeAll(() => void ensureWeappBuild(), BUILD_TIMEOUT);
  afterEach(() => host?.close());

  test('launching opens app.json’s first page, renders it through setData and records it', async () => {
    host = await launchWeapp();
    const page = await host.openPage();
    expect(page.route).toBe(host.entryPage);
    expect(host.pages().map((p) => p.route)).toEqual([host.entryPage]);
    expect(page.allText().trim().length).toBeGreaterThan(0);
    expect(host.nodeCount(page)).toBeGreaterThan(0);
    const stats = host.setDataStats()[`page:${host.entryPage}`];
    expect(stats.count).toBeGreaterThanOrEqual(1);
    expect(stats.first).toBe(stats.bytes[0]);
    expect(stats.first).toBeGreaterThan(0);
    expect(stats.largest).toBe(Math.max(...stats.bytes));
    expect(page.setDataStats().all.count).toBe(host.setDataLog.filter((r) => r.route === page.route).length);
    expect(host.errors).toEqual([]);
  });

  test('nodes with a JSX id are found by id and textOf reads their text', async () => {
    host = await launchWeapp();
    const page = await host.openPage();
    const withIds = page.nodes().filter((n) => n.hasUserId);
    expect(withIds.length).toBeGreaterThan(0);
    for (const n of withIds) {
      expect(page.exists(n.id)).toBe(true);
      expect(page.textOf(n.id)).toBe(textContent(n));
    }
    expect(page.exists('no-such-id-anywhere')).toBe(false);
    expect(() => page.textOf('no-such-id-anywhere')).toThrow(/not on/);
  });

  test('every page of the build (main package and subpackages) opens without errors', async () => {
    host = await launchWeapp();
    expect(host.routes.length).toBeGreaterThanOrEqual(host.appJson.pages.length);
    for (const route of host.routes) {
      await host.relaunch();
      const page = await host.openPage(route);
      expect(page.nodeCount()).toBeGreaterThan(0);
      expect(host.errors).toEqual([]);
    }
  });

  test('relaunch is a fresh process that keeps only the device (storage, settings)', async () => {
    host = await launchWeapp({ storage: { 'harness:probe': { kept: true } } });
    const before = await host.openPage();
    const callsBefore = host.wxCalls.length;
    host.device.settings.authSetting['scope.camera'] = true;
    const storageBefore = new Map(host.device.storage);
    await host.relaunch();
    expect(before.alive).toBe(false);
    expect(() => before.allText()).toThrow(/killed/);
    // The new process has only its own calls (loading app.js may already make some).
    expect(host.allWxCalls.length).toBe(callsBefore + host.wxCalls.length);
    expect(host.wxCalls.every((c, i) => c.seq === i + 1)).toBe(true);
    expect(host.pages()).toEqual([]);
    expect(new Map(host.device.storage)).toEqual(storageBefore);
    expect(host.device.storage.get('harness:probe')).toBe('{"kept":true}');
    const after = await host.openPage();
    expect(after.route).toBe(host.entryPage);
    expect(host.device.settings.authSetting['scope.camera']).toBe(true);
  });
});

describe('the fixture app in the simulated host', () => {
  let dist = '';
  let host: WeappHost;
  let page: PageHandle;
  beforeAll(() => {
    dist = ensureFixtureBuild();
  }, BUILD_TIMEOUT);
  beforeEach(async () => {
    host = await launchWeapp({ distDir: dist });
    page = await host.openPage();
  });
  afterEach(() => host.close());

  test('App onLaunch ran once and registered the privacy listener', () => {
    expect(host.device.storage.get('fixture:launches')).toBe('1');
    expect(host.callsTo('onNeedPrivacyAuthorization')).toHaveLength(1);
    expect(page.textOf('title')).toBe('Fixture 夹具');
  });

  test('a tap bubbles to bound ancestors; stopPropagation stops it', async () => {
    await page.tap('plain-text');
    expect(page.textOf('outer-count')).toBe('outer:1');
    await page.tap('inner');
    expect(page.textOf('inner-count')).toBe('inner:1');
    expect(page.textOf('outer-count')).toBe('outer:1');
    await page.tap('outer');
    expect(page.textOf('outer-count')).toBe('outer:2');
  });

  test('updates inside <CustomWrapper> go through the component’s own setData', async () => {
    const before = host.setDataLog.length;
    await page.tap('wrapped');
    expect(page.textOf('wrapped-count')).toBe('wrapped:1');
    await page.tap('wrapped');
    expect(page.textOf('wrapped-count')).toBe('wrapped:2');
    // The text changes travel in the component's payloads; the page only re-sends the controlled
    // input's value (Taro restores controlled inputs after every event).
    const after = host.setDataLog.slice(before);
    expect(after.filter((r) => r.kind === 'component').flatMap((r) => r.keys)).toEqual(['i.cn.[0].cn.[0].cn.[0].v', 'i.cn.[0].cn.[0].cn.[0].v']);
    expect(after.filter((r) => r.kind === 'page').flatMap((r) => r.keys).some((k) => k.endsWith('.v'))).toBe(false);
    expect(page.setDataStats().components.count).toBe(2);
    const owners = Object.entries(host.setDataStats()).filter(([, s]) => s.kind === 'component');
    expect(owners).toHaveLength(1);
    expect(owners[0][0]).toMatch(/^component:custom-wrapper#/);
    expect(host.setDataLog.filter((r) => r.kind === 'component').every((r) => r.keys.every((k) => k.startsWith('i.')))).toBe(true);
    // A page-level update still renders the wrapper's latest content.
    await page.tap('outer');
    expect(page.textOf('wrapped-count')).toBe('wrapped:2');
  });

  test('setData bytes are the UTF-8 length of the JSON payload', () => {
    const first = host.setDataLog[0];
    expect(first.kind).toBe('page');
    const ascii = page.allText().replace(/[^\x00-\x7f]/g, '');
    // 夹具 are 3 bytes each in UTF-8: the payload is larger than its character count suggests.
    expect(first.bytes).toBeGreaterThan(ascii.length);
    expect(host.nodeCount(page)).toBe(page.nodes().filter((n) => n.tag !== '#text').length);
    expect(host.nodeCount(page, { includeText: true })).toBeGreaterThan(host.nodeCount(page));
  });

  test('input, change and scrolltolower reach the components’ handlers', async () => {
    await page.input('name', '李雷');
    expect(page.textOf('name-echo')).toBe('name:李雷');
    expect(page.get('name').props.value).toBe('李雷');
    await page.change('toggle', { value: true });
    expect(page.textOf('toggle-state')).toBe('on');
    expect(page.get('toggle').props.checked).toBe(true);
    await page.scrollToLower('list');
    await page.scrollToLower('list');
    expect(page.textOf('more')).toBe('more:2');
  });

  test('a gated API is held until the agree button’s event, then proceeds', async () => {
    expect(page.get('agree-btn').props['open-type']).toBe('agreePrivacyAuthorization');
    await page.tap('locate');
    expect(host.heldCalls().map((c) => c.name)).toEqual(['getFuzzyLocation']);
    expect(page.textOf('pending')).toBe('pending:1');
    expect(page.textOf('location')).toBe('none');
    await page.tap('agree-btn');
    expect(host.heldCalls()).toEqual([]);
    expect(page.textOf('location')).toMatch(/^\d+(\.\d+)?,\d+(\.\d+)?$/);
    expect(host.privacyLog.filter((e) => e.type === 'resolve').map((e) => [e.event, e.buttonId, e.referrer])).toEqual([['agree', 'agree-btn', 'getFuzzyLocation']]);
    expect(host.gatedCalls().map((c) => c.status)).toEqual(['ok']);
  });

  test('refusing fails the held call with errno 104 and WeChat keeps asking next time', async () => {
    await page.tap('locate');
    await page.tap('refuse-btn');
    expect(page.textOf('location')).toBe('getFuzzyLocation:fail privacy permission is not authorized');
    expect(host.device.settings.privacyAgreed).toBe(false);
    await page.tap('locate');
    expect(host.heldCalls()).toHaveLength(1);
  });

  test('openSetting works from the tap, and fails when called after the tap was over', async () => {
    host.device.settings.privacyAgreed = true;
    host.device.settings.authSetting['scope.userFuzzyLocation'] = false;
    await page.tap('settings');
    expect(JSON.parse(page.textOf('setting'))).toEqual({ 'scope.userFuzzyLocation': false });
    await page.tap('settings-later');
    expect(page.textOf('setting')).toBe('openSetting:fail can only be invoked by user TAP gesture.');
  });

  test('navigateTo and navigateBack drive the page stack and lifecycles', async () => {
    expect(page.textOf('shows')).toBe('shows:1');
    await page.tap('go');
    const second = host.currentPage();
    expect(second.route).toBe('pages/second/index');
    expect(second.textOf('from')).toBe('from:index');
    expect(host.pages().map((p) => p.route)).toEqual(['pages/index/index', 'pages/second/index']);
    await second.tap('back');
    expect(second.alive).toBe(false);
    expect(host.currentPage().route).toBe('pages/index/index');
    expect(page.textOf('shows')).toBe('shows:2');
  });

  test('hide and show run the page’s onHide/onShow', async () => {
    await host.hide();
    await host.show();
    expect(page.textOf('shows')).toBe('shows:2');
  });

  test('relaunch: memory is gone, storage and WeChat’s privacy agreement stay', async () => {
    await page.tap('outer');
    await page.tap('locate');
    await page.tap('agree-btn');
    await host.relaunch();
    const fresh = await host.openPage();
    expect(fresh.textOf('outer-count')).toBe('outer:0');
    expect(host.device.storage.get('fixture:launches')).toBe('2');
    await fresh.tap('locate');
    expect(host.heldCalls()).toEqual([]);
    expect(fresh.textOf('location')).toMatch(/,/);
  });

  test('a rendered <Camera> asks for scope.camera: initdone when granted, error when refused', async () => {
    host.device.settings.privacyAgreed = true;
    const cam = await host.openPage('pages/camera/index');
    expect(cam.textOf('camera-state')).toBe('ready');
    expect(host.prompts.filter((p) => p.kind === 'scope').map((p) => p.detail.scope)).toEqual(['scope.camera']);
    expect(host.gatedCalls().map((c) => c.name)).toEqual(['camera']);
    await host.relaunch();
    host.device.settings.authSetting['scope.camera'] = false;
    const refused = await host.openPage('pages/camera/index');
    expect(refused.textOf('camera-state')).toBe('error:insertCamera:fail auth deny');
  });

  test('a <Camera> rendered before agreement is held by the privacy framework', async () => {
    const cam = await host.openPage('pages/camera/index');
    expect(cam.textOf('camera-state')).toBe('waiting');
    expect(host.heldCalls().map((c) => c.name)).toEqual(['camera']);
    expect(host.privacyLog.find((e) => e.type === 'need-authorization')?.referrer).toBe('camera');
  });

  test('a getPhoneNumber button answers with a code once the privacy guide is agreed', async () => {
    host.device.settings.privacyAgreed = true;
    const cam = await host.openPage('pages/camera/index');
    await cam.tap('phone');
    expect(cam.textOf('phone-result')).toBe('phone-code-1');
  });

  test('runTimers fires later timeouts now; flush alone does not wait for them', async () => {
    await page.tap('later');
    expect(page.textOf('later-count')).toBe('later:0');
    expect(await host.runTimers({ withinMs: 6_000 })).toBeGreaterThanOrEqual(1);
    expect(page.textOf('later-count')).toBe('later:1');
  });

  test('the clock option drives Date inside the app', async () => {
    host.close();
    host = await launchWeapp({ distDir: dist, clock: () => 1_700_000_000_000 });
    page = await host.openPage();
    await page.tap('stamp');
    expect(page.textOf('stamp-value')).toBe('1700000000000');
  });

  test('callback-style calls through Taro (promise ignored) fail quietly, as in WeChat', async () => {
    host.device.settings.privacyAgreed = true;
    host.device.settings.scopeAnswers['scope.record'] = 'reject';
    await page.tap('callback-style');
    expect(page.textOf('callback-result')).toBe('failed');
    expect(host.callsTo('authorize').map((c) => c.status)).toEqual(['fail']);
  });

  test('waitFor flushes until the condition holds, and names what it waited for on timeout', async () => {
    await page.tap('later');
    await expect(host.waitFor(() => page.textOf('later-count') === 'later:1', { timeoutMs: 300, what: 'the later counter' })).rejects.toThrow(/the later counter/);
    await host.runTimers({ withinMs: 6_000 });
    await host.waitFor(() => page.textOf('later-count') === 'later:1');
  });
});
