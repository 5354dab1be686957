/**
 * What the browser's look test checks, where it applies on WeChat, in the production weapp build:
 * a link into the policy lands on its section (pageScrollTo on a node that is rendered), buttons
 * are disabled only when they really are, and every control has an accessible name WeChat reads.
 */
import { launchWeapp, textContent, type HostNode, type PageHandle, type WeappHost } from '../harness';
import { API, bookDealer, openCentre, useBackend } from './shopper';

jest.setTimeout(240_000);

const backend = useBackend({ coolingOffSeconds: 600 });
let host: WeappHost | undefined;

afterEach(() => host?.close());

/**
 * WeChat converts a boolean attribute's value to a boolean: "false" (a non-empty string) is true,
 * an empty or missing value is false (WXML data binding docs, "不要直接写 checked=\"false\"").
 */
const isDisabled = (value: unknown): boolean => Boolean(value);

async function signedIn(openid: string, language = 'zh_CN'): Promise<PageHandle> {
  host = await launchWeapp({ httpRoutes: { [API]: backend.url }, wxOptions: { login: () => `ok:${openid}` }, device: { language } });
  return openCentre(host);
}

/** WeChat's form controls that hold no text of their own: only `aria-label` names them. */
const UNNAMED_BY_TEXT = new Set(['switch', 'textarea', 'input', 'checkbox', 'radio', 'slider', 'picker']);

/**
 * The name a screen reader announces for a node, from what the template binds: `aria-label` when the
 * template binds one and it is set (WeChat's aria-component), else, for a button or a link, its text.
 */
function accessibleName(node: HostNode): string {
  const label = node.props['aria-label'];
  if (typeof label === 'string' && label.trim() !== '') return label.trim();
  return UNNAMED_BY_TEXT.has(node.tag) ? '' : textContent(node).trim();
}

const CJK = /[\u4e00-\u9fff]/;
/** A name in the device's language: Chinese characters on zh_CN, none (and some Latin) on en. */
const inLanguage = (name: string, language: string): boolean => (language === 'zh_CN' ? CJK.test(name) : /[A-Za-z]/.test(name) && !CJK.test(name));

/** Every form control on the page (by WXML tag, as the templates render them). */
const controlsOf = (page: PageHandle): HostNode[] => page.findAll((n) => UNNAMED_BY_TEXT.has(n.tag));

/** Each node has a name in `language`; a failure lists the ids with the names they have. */
function expectNamed(nodes: readonly HostNode[], language: string): void {
  expect(nodes.length).toBeGreaterThan(0);
  const unnamed = nodes.map((n) => [n.id, accessibleName(n)] as const).filter(([, name]) => !inLanguage(name, language));
  expect(unnamed).toEqual([]);
}

test('buttons are disabled only while they really are', async () => {
  const centre = await signedIn('look-disabled');
  // Working buttons carry no disabled attribute at all.
  for (const id of ['centre-export', 'centre-withdraw-policy']) expect(centre.get(id).props.disabled).toBeUndefined();
  expect(centre.get('consent-switch-marketing').props.disabled).toBeUndefined();
  await centre.tap('centre-cancel-account');
  await host!.flush();
  const cancel = host!.currentPage();
  // Not confirmed yet: the request button is disabled, and looks it.
  expect(cancel.get('cancel-submit').props.disabled).toBe(true);
  expect(isDisabled(cancel.get('cancel-submit').props.disabled)).toBe(true);
  expect(cancel.get('cancel-submit').className).toContain('pc-btn-off');
  await cancel.change('cancel-confirm', { value: true });
  await host!.flush();
  // Taro clears a removed attribute to "": never the string "false", which WeChat reads as true.
  expect(cancel.get('cancel-submit').props.disabled).not.toBe('false');
  expect(isDisabled(cancel.get('cancel-submit').props.disabled)).toBe(false);
  expect(cancel.get('cancel-submit').className).not.toContain('pc-btn-off');
  await cancel.tap('cancel-submit');
  await host!.waitFor(() => cancel.exists('cancel-status'), { what: 'pending status' });
  // The undo and refresh buttons of the status screen work, so neither is disabled nor faded.
  for (const id of ['cancel-undo', 'cancel-refresh']) {
    expect(isDisabled(cancel.get(id).props.disabled)).toBe(false);
    expect(cancel.get(id).className).not.toContain('pc-btn-off');
  }
  // The status line is announced when it changes, as on h5.
  expect(cancel.get('cancel-status').props['aria-role']).toBe('status');
  expect(cancel.get('cancel-status').props['aria-live']).toBe('polite');
});

test('the first-run sheet is a modal dialog named by its title, as WeChat reads it', async () => {
  host = await launchWeapp();
  const home = await host.openPage();
  await host.flush();
  const sheet = home.get('privacy-sheet');
  expect(sheet.props['aria-role']).toBe('dialog');
  expect(sheet.props['aria-modal']).toBe('true');
  const titleId = String(sheet.props['aria-labelledby']);
  expect(home.exists(titleId)).toBe(true);
  expect(home.textOf(titleId)).toBe('个人信息保护提示');
  expect(host.errors).toEqual([]);
});

test('a link into the policy lands on its section: the page scrolls to a heading that is rendered', async () => {
  host = await launchWeapp();
  const home = await host.openPage();
  await host.flush();
  const section = 'cross-border-transfers';
  const policy = await host.openPage('privacy-pages/policy/index', { query: { section } });
  await host.flush();
  const scrolls = host.callsTo('pageScrollTo');
  expect(scrolls.length).toBeGreaterThanOrEqual(1);
  expect(scrolls.at(-1)!.args[0]).toMatchObject({ selector: `#sec-${section}` });
  // WeChat scrolls to the selector's node only if it is on the page when the call runs.
  expect(policy.exists(`sec-${section}`)).toBe(true);
  expect(policy.textOf(`sec-${section}`)).toContain('跨境传输');
  expect(home.route).toBe(host.entryPage);
  expect(host.errors).toEqual([]);
});

describe.each(['zh_CN', 'en'])('every control has an accessible name WeChat reads, in the device language (%s)', (language) => {
  test('the privacy centre, the consent and purpose sheets, the cancellation page', async () => {
    const centre = await signedIn(`look-names-${language}`, language);
    const consentSwitches = centre.findAll((n) => n.tag === 'switch' && n.id.startsWith('consent-switch-'));
    expect(consentSwitches.length).toBeGreaterThanOrEqual(4);
    // Each separate consent's switch is named by its visible title.
    for (const sw of consentSwitches) expect(accessibleName(sw)).toBe(centre.textOf(`consent-label-${sw.id.slice('consent-switch-'.length)}`));
    for (const id of ['profile-nickname', 'profile-phone']) expect(centre.get(id).tag).toBe('input');
    expectNamed(controlsOf(centre), language);
    // The centre's buttons are named too (by their text).
    expectNamed(centre.findAll((n) => n.tag === 'button'), language);
    // Its sections are regions WeChat names, and their headings say their level (aria-role, as WeChat
    // spells ARIA's role, aria-label, aria-level).
    const regions = centre.findAll((n) => n.tag === 'view' && n.props['aria-role'] === 'region');
    expect(regions.length).toBeGreaterThanOrEqual(5);
    expectNamed(regions, language);
    const headings = centre.findAll((n) => n.tag === 'view' && n.props['aria-role'] === 'heading');
    const levels = headings.map((n) => Number(n.props['aria-level']));
    expect(levels.filter((l) => l === 1)).toEqual([1]);
    expect(levels.filter((l) => l === 2).length).toBeGreaterThanOrEqual(5);
    expect(levels.every((l) => l === 1 || l === 2)).toBe(true);
    expectNamed(headings, language);

    // A permission's purpose sheet, opened from the centre.
    await centre.tap('centre-perm-camera-change');
    await host!.waitFor(() => centre.exists('purpose-sheet'), { what: 'purpose sheet' });
    const purposeControls = centre.findAll((n) => isWithin(n, 'purpose-sheet') && (n.tag === 'button' || UNNAMED_BY_TEXT.has(n.tag)));
    expect(purposeControls.map((n) => n.id).sort()).toEqual(['purpose-continue', 'purpose-not-now']);
    expectNamed(purposeControls, language);
    await centre.tap('purpose-not-now');
    await host!.flush();

    // A separate consent's sheet, opened by the feature that needs it.
    const me = await host!.openPage('pages/me/index');
    await host!.flush();
    await bookDealer(host!, me);
    const sheetControls = me.findAll((n) => isWithin(n, 'consent-sheet') && (n.tag === 'button' || UNNAMED_BY_TEXT.has(n.tag) || n.id === 'consent-policy'));
    expect(sheetControls.map((n) => n.id).sort()).toEqual(['consent-agree', 'consent-policy', 'consent-refuse']);
    expectNamed(sheetControls, language);
    await me.tap('consent-refuse');
    await host!.flush();

    // The cancellation page: the reason field and the confirmation switch.
    const centreAgain = await host!.openPage('privacy-pages/centre/index');
    await host!.flush();
    await centreAgain.tap('centre-cancel-account');
    await host!.flush();
    const cancel = host!.currentPage();
    expect(cancel.route).toBe('privacy-pages/cancel/index');
    expect(cancel.get('cancel-reason').tag).toBe('textarea');
    expect(cancel.get('cancel-confirm').tag).toBe('switch');
    expect(accessibleName(cancel.get('cancel-reason'))).toBe(cancel.textOf('cancel-reason-label'));
    expect(accessibleName(cancel.get('cancel-confirm'))).toBe(cancel.textOf('cancel-confirm-label'));
    expectNamed(controlsOf(cancel), language);
    expect(host!.errors).toEqual([]);
  });
});

/** True when `node` is the node with id `ancestorId` or inside it. */
function isWithin(node: HostNode, ancestorId: string): boolean {
  for (let n: HostNode | null = node; n; n = n.parent) if (n.id === ancestorId) return true;
  return false;
}
