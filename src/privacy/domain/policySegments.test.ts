import { BUNDLED_POLICY } from '../../shop/privacy-content';
import { SENSITIVE_TERMS } from '../../shop/privacy-content';
import { LANGS } from './contract';
import { blockPlainText, blockSegments } from './policySegments';

describe('blockSegments', () => {
  it('gives one row per paragraph, list item and line, with the emphasis runs of each', () => {
    expect(blockSegments({ type: 'paragraph', text: 'your tracking data' }, ['tracking'])).toEqual({
      type: 'paragraph',
      rows: [[{ text: 'your ', sensitive: false }, { text: 'tracking', sensitive: true }, { text: ' data', sensitive: false }]],
    });
    expect(blockSegments({ type: 'list', items: ['backtracking', 'Tracking'] }, ['tracking']).rows).toEqual([
      [{ text: 'backtracking', sensitive: false }],
      [{ text: 'Tracking', sensitive: true }],
    ]);
    expect(blockSegments({ type: 'lines', lines: ['a', 'b'] }, []).rows).toEqual([[{ text: 'a', sensitive: false }], [{ text: 'b', sensitive: false }]]);
  });

  it('never emphasises a heading', () => {
    expect(blockSegments({ type: 'heading', text: 'tracking' }, ['tracking'])).toEqual({ type: 'heading', rows: [[{ text: 'tracking', sensitive: false }]] });
  });

  it('gives back every block of the bundled policy exactly, in both languages', () => {
    for (const lang of LANGS) {
      for (const section of BUNDLED_POLICY.texts[lang].sections) {
        for (const block of section.blocks) {
          const joined = blockSegments(block, SENSITIVE_TERMS[lang]).rows.map((row) => row.map((r) => r.text).join('')).join('\n');
          expect(joined).toBe(blockPlainText(block));
        }
      }
    }
  });
});
