import { createShopTestRootStore } from '../../shop/privacy-content/testRootStore';
import { BUNDLED_POLICY, BUNDLED_POLICY_DOCUMENT, BUNDLED_POLICY_HASH, BUNDLED_POLICY_REF } from '../../shop/privacy-content';
import type { PolicyVersionResponse } from '../domain/contract';
import { policyContentHash } from '../domain/hash';
import type { PolicyDocument } from '../domain/policy';
import { FakeBackend } from '../testing/FakeBackend';
import { BundledPolicyError, PolicyStore } from './PolicyStore';

const version = (v: number, contentHash: string, content: unknown): PolicyVersionResponse => ({
  version: v,
  lastMaterialVersion: 1,
  effectiveAt: '2026-01-01T00:00:00.000Z',
  material: v === 1,
  summary: '',
  changedSections: [],
  contentHash,
  content,
});

function setup(bundledPolicy: ConstructorParameters<typeof PolicyStore>[0]['bundled'], policies: PolicyVersionResponse[]) {
  const t = createShopTestRootStore({ bundledPolicy });
  t.backend.policies = policies;
  t.backend.activeVersion = policies[policies.length - 1]!.version;
  return t;
}

/** start() runs the launch's version check in the background: let it end. */
async function launch(privacy: ReturnType<typeof createShopTestRootStore>['privacy']): Promise<void> {
  await privacy.start();
  for (let i = 0; i < 100 && privacy.updates.isChecking; i++) await new Promise((r) => setTimeout(r, 0));
  expect(privacy.updates.isChecking).toBe(false);
}

const contentFetches = (backend: FakeBackend) => backend.requestsTo('/v1/policy/versions/');

test('the shipped hash is the SHA-256 of the shipped document', () => {
  expect(BUNDLED_POLICY_HASH).toMatch(/^[0-9a-f]{64}$/);
  expect(BUNDLED_POLICY_HASH).toBe(policyContentHash(BUNDLED_POLICY));
  expect(BUNDLED_POLICY_DOCUMENT.contentHash).toBe(BUNDLED_POLICY_HASH);
});

test('with the bundled reference, a version check compares the build-time hash and never fetches the same content', async () => {
  // The reference names a hash that is not the document's: if the store hashed the document, the
  // check would see a difference and fetch; it trusts the hash computed when the data was built.
  const declared = 'f'.repeat(64);
  const { privacy, backend } = setup({ version: 1, contentHash: declared }, [version(1, declared, BUNDLED_POLICY)]);
  await launch(privacy);
  await privacy.updates.check('zh');
  expect(privacy.updates.error).toBeNull();
  expect(backend.requestsTo('/v1/policy').length).toBeGreaterThan(0);
  expect(contentFetches(backend)).toEqual([]);
  expect(privacy.policy.current).toMatchObject({ version: 1, source: 'bundled', contentHash: declared, document: null });
});

test('a different hash on the server fetches, checks and shows that content', async () => {
  const changed = structuredClone(BUNDLED_POLICY) as PolicyDocument;
  changed.texts.zh.title = '隐私政策(修订)';
  const hash = policyContentHash(changed);
  const { privacy, backend } = setup(BUNDLED_POLICY_REF, [version(1, hash, changed)]);
  await launch(privacy);
  await privacy.updates.check('zh');
  expect(contentFetches(backend).length).toBe(1);
  expect(privacy.policy.current).toMatchObject({ version: 1, source: 'remote', contentHash: hash });
  expect(privacy.policy.text.title).toBe('隐私政策(修订)');
  // The remote version is never replaced by the bundled document a page hands over.
  expect(privacy.policy.attachBundled(BUNDLED_POLICY_DOCUMENT)).toBe(true);
  expect(privacy.policy.text.title).toBe('隐私政策(修订)');
});

test('a bundled document given without its hash is hashed once, and then matches', async () => {
  const { privacy, backend } = setup({ version: 1, document: BUNDLED_POLICY, source: 'bundled' }, [version(1, BUNDLED_POLICY_HASH, BUNDLED_POLICY)]);
  await launch(privacy);
  await privacy.updates.check('zh');
  await privacy.updates.check('en');
  expect(contentFetches(backend)).toEqual([]);
  expect(privacy.policy.current.source).toBe('bundled');
});

test('the pages hand the bundled document over only to the bundled policy with the same hash', () => {
  const { privacy } = createShopTestRootStore({ bundledPolicy: BUNDLED_POLICY_REF });
  expect(privacy.policy.hasDocument).toBe(false);
  expect(privacy.policy.sections).toEqual([]);
  expect(privacy.policy.revealed).toEqual([]);
  expect(privacy.policy.attachBundled({ contentHash: '0'.repeat(64), document: BUNDLED_POLICY })).toBe(false);
  expect(privacy.policy.hasDocument).toBe(false);
  expect(privacy.policy.attachBundled(BUNDLED_POLICY_DOCUMENT)).toBe(true);
  expect(privacy.policy.text.title).toBe(BUNDLED_POLICY.texts.zh.title);
  expect(privacy.policy.revealed.length).toBeGreaterThan(0);
  expect(privacy.policy.fullyRevealed).toBe(false);
  // A host's own policy (another hash) never takes the shop's document.
  const own = createShopTestRootStore({ bundledPolicy: { version: 3, contentHash: 'a'.repeat(64) } }).privacy;
  expect(own.policy.attachBundled(BUNDLED_POLICY_DOCUMENT)).toBe(false);
  expect(own.policy.current.version).toBe(3);
});

test('a bundled policy option naming no document is refused with a clear error', () => {
  expect(() => createShopTestRootStore({ bundledPolicy: { version: 1 } })).toThrow(BundledPolicyError);
  expect(() => createShopTestRootStore({ bundledPolicy: { version: 1, contentHash: 'not-a-hash' } })).toThrow(/contentHash/);
  expect(() => createShopTestRootStore({ bundledPolicy: { version: 0, contentHash: 'a'.repeat(64) } })).toThrow(/version/);
});

test('a material version scheduled for later is announced once to a shopper who agreed, and dismissing it is remembered across launches', async () => {
  const upcoming = { version: 2, effectiveAt: '2026-12-20T16:00:00.000Z', summary: '新增到店签到。', changedSections: ['your-choices'] };
  const served = { ...version(1, BUNDLED_POLICY_HASH, BUNDLED_POLICY), upcoming };
  const t = setup(BUNDLED_POLICY_REF, [served]);
  await launch(t.privacy);
  // Not before the shopper agreed to a policy: the first-run sheet is theirs.
  await t.privacy.updates.check('zh');
  expect(t.privacy.ui.queue.map((o) => o.kind)).not.toContain('upcoming');

  await t.agree();
  await t.privacy.updates.check('zh');
  expect(t.privacy.updates.upcoming).toEqual(upcoming);
  expect(t.privacy.ui.queue.map((o) => [o.kind, o.subject])).toEqual([['upcoming', 2]]);
  await t.privacy.updates.dismissUpcoming();
  expect(t.privacy.ui.queue).toEqual([]);
  // The version in force is still 1: the notice changes nothing agreed.
  expect(t.privacy.updates.versionInForce).toBe(1);
  expect(t.privacy.consent.acceptedPolicyVersion).toBe(1);

  await t.privacy.updates.check('zh');
  expect(t.privacy.ui.queue).toEqual([]);
  // A later launch on the same phone remembers it.
  await t.privacy.updates.hydrate();
  expect(t.privacy.updates.upcomingSeen).toBe(2);
});
