import { policyMetaProblem, versionPrompt, type PolicyMeta } from './policyVersions';

const meta = (version: number, lastMaterialVersion: number): PolicyMeta => ({
  version,
  lastMaterialVersion,
  effectiveAt: '2026-11-01T00:00:00.000Z',
  material: version === lastMaterialVersion,
  summary: 'changes',
  changedSections: ['your-choices'],
  contentHash: 'a'.repeat(64),
});

test('no acceptance at all is the first-run sheet, not a re-consent', () => {
  expect(versionPrompt(null, meta(3, 3), null)).toEqual({ kind: 'none' });
});

test('accepted below the latest material version → re-consent, even after later non-material ones', () => {
  expect(versionPrompt(1, meta(2, 2), null)).toEqual({ kind: 'reconsent', version: 2 });
  expect(versionPrompt(1, meta(4, 2), null)).toEqual({ kind: 'reconsent', version: 4 });
});

test('a newer non-material version → notice until dismissed; current → nothing', () => {
  expect(versionPrompt(2, meta(3, 2), null)).toEqual({ kind: 'notice', version: 3 });
  expect(versionPrompt(2, meta(3, 2), 3)).toEqual({ kind: 'none' });
  expect(versionPrompt(3, meta(3, 2), null)).toEqual({ kind: 'none' });
  // After a rollback to an older version, a newer acceptance needs nothing.
  expect(versionPrompt(3, meta(1, 1), null)).toEqual({ kind: 'none' });
});

test('remote metadata is checked, never trusted', () => {
  expect(policyMetaProblem(meta(2, 1))).toBeNull();
  expect(policyMetaProblem(null)).toBe('not an object');
  expect(policyMetaProblem({ ...meta(2, 1), version: 'two' })).toBe('version');
  expect(policyMetaProblem({ ...meta(2, 1), lastMaterialVersion: 3 })).toBe('lastMaterialVersion');
  expect(policyMetaProblem({ ...meta(2, 1), changedSections: ['<script>'] })).toBe('changedSections');
  expect(policyMetaProblem({ ...meta(2, 1), contentHash: 'xyz' })).toBe('contentHash');
  expect(policyMetaProblem({ ...meta(2, 1), effectiveAt: 'soon' })).toBe('effectiveAt');
  // The changed sentences: sections by id, short sentences, no more than the server sends.
  expect(policyMetaProblem({ ...meta(2, 1), changes: [{ section: 'your-choices', sentences: ['新增一句。'] }] })).toBeNull();
  expect(policyMetaProblem({ ...meta(2, 1), changes: [{ section: 'Your choices', sentences: ['x'] }] })).toBe('changes');
  expect(policyMetaProblem({ ...meta(2, 1), changes: [{ section: 'a', sentences: [''] }] })).toBe('changes');
  expect(policyMetaProblem({ ...meta(2, 1), changes: [{ section: 'a', sentences: ['x'.repeat(501)] }] })).toBe('changes');
  expect(policyMetaProblem({ ...meta(2, 1), changes: [{ section: 'a', sentences: Array.from({ length: 21 }, () => 'x') }] })).toBe('changes');
  expect(policyMetaProblem({ ...meta(2, 1), changes: 'all' })).toBe('changes');
});
