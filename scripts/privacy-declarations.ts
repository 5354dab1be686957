/**
 * Prints what ops must declare in WeChat's admin console privacy guide (one item per data type,
 * with the gated APIs and the purpose) and in Douyin's user privacy protection agreement (one
 * information type per item, with its purposes), plus each platform's app.json values, all from
 * the shop's privacy description (src/shop/privacy-content/app.ts) and its collection list.
 * Usage: npm run privacy:declarations [-- --lang en] [-- --json]
 */
import {
  douyinAgreement,
  formatPrivacyGuideChecklist,
  privacyAppJson,
  privacyGuideChecklist,
} from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../src/shop/privacy-content/app';
import { COLLECTION_LIST } from '../src/shop/privacy-content/collection-list';

function main(argv: readonly string[]): void {
  const items = privacyGuideChecklist(SHOP_PRIVACY);
  const douyin = douyinAgreement(SHOP_PRIVACY, COLLECTION_LIST);
  const appJson = { weapp: privacyAppJson(SHOP_PRIVACY, 'weapp'), tt: privacyAppJson(SHOP_PRIVACY, 'tt') };
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ privacyGuide: items, douyinAgreement: douyin, appJson }, null, 2));
    return;
  }
  const langs: ('zh' | 'en')[] = argv.includes('--lang') ? [argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'zh'] : ['zh', 'en'];
  for (const lang of langs) {
    console.log(formatPrivacyGuideChecklist(items, lang));
    console.log('');
    console.log(lang === 'zh' ? '抖音《小程序用户隐私保护协议》（添加信息类型）：' : "Douyin's user privacy protection agreement (information types to add):");
    for (const item of douyin.items) {
      const note = item.note ? `\n    ${item.note[lang]}` : '';
      console.log(`  - ${item.label[lang]}: ${item.purposes.map((p) => p[lang]).join('; ')} [${item.ttApis.join(', ')}]${note}`);
    }
    console.log('');
  }
  console.log(`WeChat app.json: ${JSON.stringify(appJson.weapp)}`);
  console.log(`Douyin app.json: ${JSON.stringify(appJson.tt)}`);
}

main(process.argv.slice(2));
