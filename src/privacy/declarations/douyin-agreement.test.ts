import { douyinAgreement, douyinAgreementChecklist, douyinAgreementContact, DOUYIN_AGREEMENT_STEPS } from './douyin-agreement';
import { privacyGuideChecklist, privacyGuideOwner, type DeclaringApp } from './permission-declarations';
import { DOUYIN_INFO_TYPES, DOUYIN_MODULE_FEATURES } from '../data/douyin-privacy-types';
import { COLLECTION_LIST, OTHER_PRIVACY_DECLARATIONS, PERMISSION_CATALOGUE, SHOP_PRIVACY } from '../../shop/privacy-content';
import { ZH_PAGES } from '../texts/zh.pages';
import { EN_PAGES } from '../texts/en.pages';

describe("Douyin's agreement checklist", () => {
  const agreement = douyinAgreement(SHOP_PRIVACY, COLLECTION_LIST);
  const wechat = privacyGuideChecklist(SHOP_PRIVACY);

  it("gives one item per Douyin type, with the WeChat checklist's purposes and the features that need it", () => {
    expect(agreement.items.map((i) => [i.infoType, i.wechatDataTypes])).toEqual([
      // Douyin's order (地理位置, 剪切板, 相机), then the data Douyin has no type for.
      ['location', ['Location']],
      ['clipboard', ['Clipboard']],
      ['camera', ['Camera']],
      [null, ['BlueTooth']],
    ]);
    const camera = agreement.items.find((i) => i.infoType === 'camera')!;
    expect(camera.label).toEqual(DOUYIN_INFO_TYPES.camera);
    expect(camera.purposes).toEqual([PERMISSION_CATALOGUE.camera.purpose.why]);
    expect(camera.features).toEqual([PERMISSION_CATALOGUE.camera.feature]);
    expect(camera.ttApis).toEqual(['scope.camera', '<camera>']);
    expect(camera.collectionRows).toEqual(['camera']);
    expect(camera.note).toBeNull();
    const location = agreement.items.find((i) => i.infoType === 'location')!;
    expect(location.ttApis).toEqual(['scope.userLocation', 'tt.getLocation']);
    expect(location.purposes).toEqual(wechat.find((w) => w.dataType === 'Location')!.purposes);
    const clipboard = agreement.items.find((i) => i.infoType === 'clipboard')!;
    expect(clipboard.ttApis).toEqual(['tt.setClipboardData']);
    expect(clipboard.purposes).toEqual([OTHER_PRIVACY_DECLARATIONS[0]!.why]);
    expect(clipboard.features.map((f) => f.id)).toEqual(['data-export', 'contact-copy']);
    expect(clipboard.capabilities).toEqual([]);
    expect(clipboard.collectionRows).toEqual([]);
  });

  it('says Douyin lists no Bluetooth type, and what to check instead', () => {
    const bluetooth = agreement.items.find((i) => i.capabilities.includes('bluetooth'))!;
    expect(bluetooth.infoType).toBeNull();
    expect(bluetooth.label.zh).toBe('蓝牙');
    expect(bluetooth.ttApis).toEqual(['tt.openBluetoothAdapter']);
    expect(bluetooth.note?.zh).toContain('186679');
    expect(bluetooth.note?.en).toContain('no Bluetooth information type');
    expect(bluetooth.features).toEqual([PERMISSION_CATALOGUE.bluetooth.feature]);
  });

  it("names the module's own features as their pages do", () => {
    const [exportCopy, contactCopy] = DOUYIN_MODULE_FEATURES['tt.setClipboardData']!;
    expect(exportCopy!.name).toEqual({ zh: `${ZH_PAGES.export.title} › ${ZH_PAGES.export.copy}`, en: `${EN_PAGES.export.title} › ${EN_PAGES.export.copy}` });
    expect(contactCopy!.name).toEqual({ zh: `${ZH_PAGES.centre.contact} › ${ZH_PAGES.contact.copy('').trim()}`, en: `${EN_PAGES.centre.contact} › ${EN_PAGES.contact.copy('').trim()}` });
  });

  it('merges WeChat types Douyin files under one type, and keeps each purpose once', () => {
    const app: DeclaringApp = {
      ...SHOP_PRIVACY,
      otherDeclarations: [
        { dataType: 'Album', gatedApis: ['wx.chooseImage'], why: { zh: '用于上传照片', en: 'To upload a photo' } },
        { dataType: 'AlbumWriteOnly', gatedApis: ['wx.saveImageToPhotosAlbum'], why: { zh: '用于保存海报', en: 'To save a poster' } },
        { dataType: 'Invoice', gatedApis: ['wx.chooseInvoice'], why: { zh: '用于开票', en: 'To invoice' } },
      ],
    };
    const { items } = douyinAgreementChecklist(privacyGuideChecklist(app), privacyGuideOwner(SHOP_PRIVACY, []), {}, []);
    const album = items.find((i) => i.infoType === 'album')!;
    expect(album.wechatDataTypes).toEqual(['Album', 'AlbumWriteOnly']);
    expect(album.ttApis).toEqual(['tt.chooseImage', 'tt.saveImageToPhotosAlbum']);
    expect(album.purposes.map((p) => p.zh)).toEqual(['用于上传照片', '用于保存海报']);
    const invoice = items.find((i) => i.wechatDataTypes.includes('Invoice'))!;
    expect(invoice.infoType).toBeNull();
    expect(invoice.note?.en).toContain('no matching information type');
    // Types Douyin lists come first, in Douyin's order; the unmatched last.
    expect(items.at(-1)).toBe(invoice);
  });

  it("reads the contact's e-mail, mobile and landline, and says when it has none", () => {
    expect(douyinAgreementContact({ contact: { zh: '邮箱 privacy@example.cn，电话 021-6288 0000', en: 'privacy@example.cn, +86 138 0013 8000' } })).toEqual({
      source: { zh: '邮箱 privacy@example.cn，电话 021-6288 0000', en: 'privacy@example.cn, +86 138 0013 8000' },
      emails: ['privacy@example.cn'],
      mobiles: ['+86 138 0013 8000'],
      landlines: ['021-6288 0000'],
      gap: null,
    });
    // A postal address alone: Douyin's form needs more, and the gap says where to add it.
    const postal = douyinAgreementContact({ contact: { zh: '上海市延安中路1228号（邮编200041）', en: '1228 Middle Yan’an Road, Shanghai 200041' } });
    expect(postal).toMatchObject({ emails: [], mobiles: [], landlines: [] });
    expect(postal.gap?.zh).toContain('controller.privacyContact');
    expect(postal.gap?.en).toMatch(/needs at least one/);
    // The shop's contact is the policy's "Contact us": its telephone (a 400 number, not a mobile) and e-mail.
    expect(agreement.contact.source).toEqual(SHOP_PRIVACY.controller.privacyContact);
    expect(agreement.contact).toMatchObject({ emails: ['customerservice.cn@cartier.com'], mobiles: [], landlines: ['+86 400 885 6618'], gap: null });
  });

  it("follows Douyin's form: set up, add types, contact, update date, preview, generate", () => {
    expect(agreement.steps).toEqual([...DOUYIN_AGREEMENT_STEPS]);
    const zh = agreement.steps.map((s) => s.zh).join('\n');
    for (const words of ['设置 › 基础设置 › 类目与配置 › 用户隐私保护协议', '去设置', '添加信息类型', '邮箱、手机号或座机', '更新日期', '预览', '确定并生成协议']) expect(zh).toContain(words);
    for (const s of agreement.steps) expect(s.en.trim()).not.toBe('');
  });
});
