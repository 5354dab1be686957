import { browserLang, initialLang, LANG_KEY } from './language';

const storage = (value: string | null, throws = false) => ({
  getItem: (key: string) => {
    if (throws) throw new Error('SecurityError');
    return key === LANG_KEY ? value : null;
  },
});

describe('the console language', () => {
  it('follows the browser: Chinese for a first preference zh*, English for anything else', () => {
    expect(browserLang(['zh-CN', 'en'])).toBe('zh');
    expect(browserLang(['zh'])).toBe('zh');
    expect(browserLang(['zh-Hant-TW'])).toBe('zh');
    expect(browserLang(['ZH-cn'])).toBe('zh');
    expect(browserLang(['en-US', 'zh-CN'])).toBe('en');
    expect(browserLang(['fr-FR'])).toBe('en');
    // Zulu and Zhuang are not Chinese.
    expect(browserLang(['zu'])).toBe('en');
    expect(browserLang(['zha'])).toBe('en');
    expect(browserLang([])).toBe('en');
  });

  it('keeps the choice made with the switch over the browser, and ignores what it does not know', () => {
    expect(initialLang(storage('zh'), ['en-US'])).toBe('zh');
    expect(initialLang(storage('en'), ['zh-CN'])).toBe('en');
    expect(initialLang(storage('fr'), ['zh-CN'])).toBe('zh');
    expect(initialLang(storage(null), ['en-GB'])).toBe('en');
    expect(initialLang(storage('en', true), ['zh-CN'])).toBe('zh');
    expect(initialLang(null, ['en-US'])).toBe('en');
  });
});
