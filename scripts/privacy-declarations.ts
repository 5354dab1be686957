/**
 * Prints what ops must declare in WeChat's admin console privacy guide (one item per data type,
 * with the gated APIs and the purpose), plus the app.json values, all from the shop's
 * privacy description (src/shop/privacy-content/app.ts). Usage: npm run privacy:declarations [-- --lang en] [-- --json]
 */
import {
  appJsonPermission,
  formatPrivacyGuideChecklist,
  privacyGuideChecklist,
  requiredPrivateInfos,
} from '@maison/privacy/config';
import { SHOP_PRIVACY } from '../src/shop/privacy-content/app';

function main(argv: readonly string[]): void {
  const items = privacyGuideChecklist(SHOP_PRIVACY);
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ privacyGuide: items, permission: appJsonPermission(SHOP_PRIVACY), requiredPrivateInfos: requiredPrivateInfos(SHOP_PRIVACY) }, null, 2));
    return;
  }
  const langs: ('zh' | 'en')[] = argv.includes('--lang') ? [argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'zh'] : ['zh', 'en'];
  for (const lang of langs) {
    console.log(formatPrivacyGuideChecklist(items, lang));
    console.log('');
  }
  console.log(`app.json permission: ${JSON.stringify(appJsonPermission(SHOP_PRIVACY))}`);
  console.log(`app.json requiredPrivateInfos: ${JSON.stringify(requiredPrivateInfos(SHOP_PRIVACY))}`);
}

main(process.argv.slice(2));
