/**
 * What the browser's look test checks, where it applies on WeChat, in the production weapp build:
 * a link into the policy lands on its section (pageScrollTo on a node that is rendered), and
 * buttons are disabled only when they really are.
 */
import { launchWeapp, type PageHandle, type WeappHost } from '../harness';
import { API, openCentre, useBackend } from './shopper';

jest.setTimeout(240_000);

const backend = useBackend({ coolingOffSeconds: 600 });
let host: WeappHost | undefined;

afterEach(() => host?.close());

/**
 * WeChat converts a boolean attribute's value to a boolean: "false" (a non-empty string) is true,
 * an empty or missing value is false (WXML data binding docs, "不要直接写 checked=\"false\"").
 */
const isDisabled = (value: unknown): boolean => Boolean(value);

async function signedIn(openid: string): Promise<PageHandle> {
  host = await launchWeapp({ httpRoutes: { [API]: backend.url }, wxOptions: { login: () => `ok:${openid}` } });
  return openCentre(host);
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
});

test('a link into the policy lands on its section: the page scrolls to a heading that is rendered', async () => {
  host = await launchWeapp();
  const home = await host.openPage();
  await host.flush();
  const section = 'cross-border-transfers';
  const policy = await host.openPage('privacy/pages/policy/index', { query: { section } });
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
