import { EXPORT_TEXTS, exportTexts } from './exportTexts';
import { TEXTS, mergeTexts, type TextOverrides } from './i18n';

describe("the export's texts", () => {
  test("an adopter's `texts` option replaces them key by key, in its language only", () => {
    const overrides: TextOverrides = { en: { exportButton: 'Get my data', sheetTitle: 'Privacy' } };
    const en = exportTexts('en', overrides);
    expect(en.exportButton).toBe('Get my data');
    expect(en.exportCopy).toBe(EXPORT_TEXTS.en.exportCopy);
    expect(exportTexts('zh', overrides)).toEqual(EXPORT_TEXTS.zh);
    // The same option still reaches the main texts.
    expect(mergeTexts(undefined, overrides).en.sheetTitle).toBe('Privacy');
  });

  test('both languages have every key, and none is in the main texts', () => {
    expect(Object.keys(EXPORT_TEXTS.en).sort()).toEqual(Object.keys(EXPORT_TEXTS.zh).sort());
    for (const key of Object.keys(EXPORT_TEXTS.zh)) expect(key in TEXTS.zh).toBe(false);
  });
});
