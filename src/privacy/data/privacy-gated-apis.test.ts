import { PRIVACY_GATED_API_IDS, PRIVACY_GATED_APIS, gatedApiId, type PrivacyGatedApiId } from './privacy-gated-apis';
import { OTHER_PRIVACY_DECLARATIONS, PERMISSION_CATALOGUE } from '../../shop/privacy-content';

describe('PRIVACY_GATED_API_IDS', () => {
  it('holds every id of the table once, as gatedApiId writes it', () => {
    expect(new Set(PRIVACY_GATED_API_IDS).size).toBe(PRIVACY_GATED_API_IDS.length);
    expect(new Set(PRIVACY_GATED_API_IDS)).toEqual(new Set(PRIVACY_GATED_APIS.map((a) => gatedApiId(a.kind, a.name))));
    expect(Object.isFrozen(PRIVACY_GATED_API_IDS)).toBe(true);
    expect(PRIVACY_GATED_API_IDS).toEqual(expect.arrayContaining(['wx.getFuzzyLocation', 'wx.authorize:scope.camera', '<camera>', '<button open-type="getPhoneNumber">', '<input type="nickname">', 'RecorderManager.start']));
  });

  it("names every id the shop's catalogue declares", () => {
    const declared = [...Object.values(PERMISSION_CATALOGUE), ...OTHER_PRIVACY_DECLARATIONS].flatMap((e) => e.gatedApis);
    for (const id of declared) expect(PRIVACY_GATED_API_IDS).toContain(id);
  });

  it('types the ids: a catalogue written with `satisfies` is checked when compiled', () => {
    const ids = ['wx.authorize:scope.userFuzzyLocation', 'wx.getFuzzyLocation'] as const satisfies readonly PrivacyGatedApiId[];
    // @ts-expect-error wx.scanCode is not privacy-gated
    const wrong: PrivacyGatedApiId = 'wx.scanCode';
    // Each name only in its own row's form: not bare, not with another row's kind.
    // @ts-expect-error a bare function name is not an id
    const bare: PrivacyGatedApiId = 'getFuzzyLocation';
    // @ts-expect-error camera is a component: <camera>
    const component: PrivacyGatedApiId = 'wx.camera';
    // @ts-expect-error a scope is asked through wx.authorize
    const scope: PrivacyGatedApiId = 'scope.camera';
    const method: PrivacyGatedApiId = 'RecorderManager.start';
    const tag: PrivacyGatedApiId = '<camera>';
    expect([...ids, wrong, bare, component, scope, method, tag]).toHaveLength(8);
    for (const id of [method, tag, ...ids]) expect(PRIVACY_GATED_API_IDS).toContain(id);
  });
});
