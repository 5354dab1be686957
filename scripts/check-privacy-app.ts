/**
 * Fails (exit 1) when the app's privacy description or documents are unsound: the controller's
 * details, each separate consent against what its PIPL article requires (recipients for art. 23,
 * the overseas recipient and rights for art. 39, necessity and impact for arts. 29–30, …), each
 * capability against the module's and against WeChat's gated APIs, the lists' references to
 * declared consents and capabilities, and the policy's content hash.
 * Usage: npm run check:privacy-app [-- <module exporting SHOP_PRIVACY-like `app`> <module exporting `documents`>]
 */
import { resolve } from 'node:path';
import { catalogueProblems, consentGaps, consentOffered, contentGaps, policyContentHash, privacyAppProblems, type ConsentCatalogueEntry, type PrivacyApp, type PrivacyDocuments } from '@maison/privacy/config';

const firstExport = <T>(mod: Record<string, unknown>, test: (v: unknown) => boolean): T | undefined => Object.values(mod).find(test) as T | undefined;
const isApp = (v: unknown): boolean => typeof v === 'object' && v !== null && 'controller' in v && 'consents' in v;
const isDocuments = (v: unknown): boolean => typeof v === 'object' && v !== null && 'collectionList' in v && 'policy' in v;

export function main(argv: readonly string[] = process.argv.slice(2)): number {
  const appFile = resolve(argv[0] ?? resolve(__dirname, '..', 'src', 'shop', 'privacy-content', 'app.ts'));
  const documentsFile = resolve(argv[1] ?? resolve(__dirname, '..', 'src', 'shop', 'privacy-content', 'documents.ts'));
  const app = firstExport<PrivacyApp<string, never>>(require(appFile) as Record<string, unknown>, isApp);
  const documents = firstExport<PrivacyDocuments>(require(documentsFile) as Record<string, unknown>, isDocuments);
  if (!app || !documents) {
    console.error(`check:privacy-app failed: ${app ? documentsFile : appFile} exports no ${app ? 'documents (definePrivacyDocuments)' : 'app description (definePrivacyApp)'}`);
    return 1;
  }
  const problems = [...privacyAppProblems(app, documents, policyContentHash), ...catalogueProblems(app).map((p) => `capabilities: ${p}`)];
  if (problems.length === 0) {
    // Declared gaps are accepted (never an invented value), and listed: each is a compliance gap to close.
    const gaps = [
      ...Object.values<ConsentCatalogueEntry>(app.consents).flatMap((e) => consentGaps(e).map((g) => `consents.${g.purpose}.${g.field}: ${g.note.en}`)),
      ...contentGaps(documents.collectionList, documents.sharingList).map((g) => `${g.list}List.${g.id}.${g.field}: ${g.note.en}`),
    ];
    if (gaps.length > 0) {
      console.log(`check:privacy-app: ${gaps.length} declared compliance gaps (accepted; the ops console lists them, and a version carrying them publishes only with an audited override):`);
      for (const g of gaps) console.log(`  - ${g}`);
    }
    // Consents the policy provides for and no feature of the app uses: never asked, listed for ops.
    const notInApp = Object.values<ConsentCatalogueEntry>(app.consents).filter((e) => !consentOffered(e));
    if (notInApp.length > 0) {
      console.log(`check:privacy-app: ${notInApp.length} consents not asked for, no feature of the app uses them:`);
      for (const e of notInApp) console.log(`  - consents.${e.purpose}: ${e.notInApp!.en}`);
    }
    console.log(`check:privacy-app: ${Object.keys(app.consents).length} consents, ${Object.keys(app.capabilities).length} capabilities, ${documents.collectionList.length} + ${documents.sharingList.length} list rows in ${appFile} and ${documentsFile} are sound.`);
    return 0;
  }
  console.error('check:privacy-app failed:');
  for (const p of problems) console.error(`  - ${p}`);
  return 1;
}

if (require.main === module) process.exit(main());
