/**
 * The shop's privacy texts say what the app does: rules each text must keep, checked against the
 * app's own description and code rather than against the words themselves.
 */
import { LANGS } from '@maison/privacy/contract';
import { BUNDLED_POLICY } from './bundled-policy';

/** Every text of a policy document, in reading order. */
const policyTexts = (lang: (typeof LANGS)[number]): string[] =>
  BUNDLED_POLICY.texts[lang].sections.flatMap((s) => [
    s.title,
    ...s.blocks.flatMap((b) => (b.type === 'list' ? b.items : b.type === 'lines' ? b.lines : [b.text])),
  ]);

describe('the policy shoppers read', () => {
  it.each(LANGS)('carries no drafting bracket of the seed (%s)', (lang) => {
    const bracketed = policyTexts(lang).filter((t) => /[[\]［］]/.test(t));
    expect(bracketed).toEqual([]);
  });
});
