/**
 * Fails (exit 1) when the consent catalogue lacks an entry for a consent purpose of the contract, or
 * an entry lacks what the PIPL article behind it requires the consent to say (recipient name and
 * contact for sharing, overseas recipient and how to exercise rights for cross-border, necessity
 * and impact per sensitive category, ...; see src/privacy/domain/consent-schema.ts).
 * Usage: npm run check:catalogue [-- path/to/module-exporting-CONSENT_CATALOGUE.ts]
 */
import { resolve } from 'node:path';
import { consentCatalogueProblems, type ConsentCatalogueEntry } from '@maison/privacy/config';

export function main(argv: readonly string[] = process.argv.slice(2)): number {
  const file = resolve(argv[0] ?? resolve(__dirname, '..', 'src', 'privacy', 'data', 'consent-catalogue.ts'));
  const mod = require(file) as { CONSENT_CATALOGUE?: Readonly<Partial<Record<string, ConsentCatalogueEntry>>> };
  if (!mod.CONSENT_CATALOGUE) {
    console.error(`check:catalogue failed: ${file} exports no CONSENT_CATALOGUE`);
    return 1;
  }
  const problems = consentCatalogueProblems(mod.CONSENT_CATALOGUE);
  if (problems.length === 0) {
    console.log(`check:catalogue: ${Object.keys(mod.CONSENT_CATALOGUE).length} consents in ${file} say what their article requires.`);
    return 0;
  }
  console.error('check:catalogue failed:');
  for (const p of problems) console.error(`  - ${p}`);
  return 1;
}

if (require.main === module) process.exit(main());
