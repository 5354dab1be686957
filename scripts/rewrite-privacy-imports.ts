/**
 * Rewrites imports that reach into the privacy module's folders from outside it into imports of
 * the package's entry points. Usage: npx tsx scripts/rewrite-privacy-imports.ts [--check]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const MODULE = join(ROOT, 'src/privacy');
/** Module file (relative to src/privacy, no extension) → the entry point that exports it. */
const ENTRY_OF: Readonly<Record<string, string>> = {
  '': '@maison/privacy',
  index: '@maison/privacy',
  ports: '@maison/privacy',
  'stores/ConsentStore': '@maison/privacy/client',
  'components/PermissionHint': '@maison/privacy',
  'domain/permission': '@maison/privacy',
  'domain/age': '@maison/privacy',
  'platform': '@maison/privacy/platform',
  'adapters/PrivacyApi': '@maison/privacy/client',
  'adapters/http.h5': '@maison/privacy/client',
  'domain/contract': '@maison/privacy/contract',
  'domain/policy': '@maison/privacy/contract',
  'domain/ledger': '@maison/privacy/contract',
  'domain/ledgerCodec': '@maison/privacy/contract',
  'domain/policySchema': '@maison/privacy/contract',
  'domain/hash': '@maison/privacy/contract',
  'domain/lists': '@maison/privacy/contract',
  'domain/cancellation': '@maison/privacy/contract',
  'domain/consent-schema': '@maison/privacy/config',
  'declarations/permission-declarations': '@maison/privacy/config',
  'declarations/permission-config-check': '@maison/privacy/config',
  'data/sent-fields': '@maison/privacy/config',
  'data/privacy-gated-apis': '@maison/privacy/config',
  'domain/app': '@maison/privacy/config',
  testing: '@maison/privacy/testing',
};
const SKIP = new Set(['node_modules', 'dist', '.data', '.git', 'test-output', 'bench-results']);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (p === MODULE) continue;
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

const check = process.argv.includes('--check');
const unmapped: string[] = [];
let changed = 0;
for (const file of files(ROOT)) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(/(from |import\(|require\()'(\.{1,2}\/[^']*)'/g, (whole, lead: string, spec: string) => {
    const target = resolve(join(file, '..'), spec);
    if (target !== MODULE && !target.startsWith(MODULE + '/')) return whole;
    const inner = relative(MODULE, target).replace(/\.(ts|tsx)$/, '').replace(/\/index$/, '');
    const entry = ENTRY_OF[inner];
    if (!entry) {
      unmapped.push(`${relative(ROOT, file)}: ${spec}`);
      return whole;
    }
    return `${lead}'${entry}'`;
  });
  if (next !== text) {
    changed++;
    if (!check) writeFileSync(file, next);
    console.log(`${check ? 'would rewrite' : 'rewrote'} ${relative(ROOT, file)}`);
  }
}
if (unmapped.length) console.error(`no entry point for:\n  ${unmapped.join('\n  ')}`);
process.exit(unmapped.length || (check && changed) ? 1 : 0);
