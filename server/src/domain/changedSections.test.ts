import { tinyPolicy } from '../../test/helper';
import { changedSections } from './changedSections';

describe('changedSections', () => {
  it('is empty for the first version and for identical content', () => {
    expect(changedSections(null, tinyPolicy('a'))).toEqual([]);
    expect(changedSections(tinyPolicy('a'), tinyPolicy('a'))).toEqual([]);
  });

  it('names edited, added and removed sections in document order', () => {
    expect(changedSections(tinyPolicy('a'), tinyPolicy('b', true))).toEqual(['introduction', 'cookies']);
    expect(changedSections(tinyPolicy('a', true), tinyPolicy('a'))).toEqual(['cookies']);
  });

  it('notices a change in one language only', () => {
    const next = tinyPolicy('a');
    next.texts.en.sections[1]!.title = 'Contact';
    expect(changedSections(tinyPolicy('a'), next)).toEqual(['contact-us']);
  });
});
