import { IMPORT_WARNING_CODES } from '../../../scripts/policy-import/importPolicy';
import { readSeed } from '../../../scripts/policy-import/seedText';
import { importPolicy } from '../../src/domain/policyTools';
import { importNote } from './importNotes';

describe('importNote', () => {
  it('explains every note the importer gives for the seed text in Chinese and in English, keeping its detail', () => {
    const { warnings } = importPolicy(readSeed());
    expect(warnings.length).toBeGreaterThan(0);
    for (const raw of warnings) {
      const zh = importNote(raw, 'zh');
      const en = importNote(raw, 'en');
      expect(IMPORT_WARNING_CODES).toContain(zh.code);
      expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
      expect(en.text).not.toMatch(/[\u4e00-\u9fff]/);
      expect(`${zh.code}: ${zh.detail}`).toBe(raw);
    }
  });

  it('shows a note of an unknown kind as written', () => {
    expect(importNote('something new happened', 'zh')).toEqual({ code: '', text: 'something new happened', detail: '' });
  });
});
