/**
 * The shop's privacy texts say what the app does: rules each text must keep, checked against the
 * app's own description, what it sends (`SENT_FIELDS`) and its code, rather than against the words
 * alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { consentOffered, SENT_FIELDS, type ConsentCatalogueEntry } from '@maison/privacy/config';
import { emphasise, GUARDIAN_CONSENT, LANGS, type Lang } from '@maison/privacy/contract';
import { SHOP_PRIVACY } from './app';
import { BUNDLED_POLICY } from './bundled-policy';
import { COLLECTION_LIST } from './collection-list';
import { CONSENT_CATALOGUE } from './consents';
import { SENSITIVE_TERM_ENTRIES } from './sensitive-terms';
import { SHARING_LIST } from './sharing-list';
import { createShopTestRootStore } from './testRootStore';

const SRC = join(__dirname, '..', '..');
const consents = CONSENT_CATALOGUE as unknown as Record<string, ConsentCatalogueEntry>;
const capabilities = SHOP_PRIVACY.capabilities;

/** Every text of a policy document, in reading order. */
const policyTexts = (lang: Lang): string[] =>
  BUNDLED_POLICY.texts[lang].sections.flatMap((s) => [
    s.title,
    ...s.blocks.flatMap((b) => (b.type === 'list' ? b.items : b.type === 'lines' ? b.lines : [b.text])),
  ]);

/** The ids of the sensitive terms a text names (the policy's own wordings, as the pages emphasise them). */
function sensitiveIds(text: string, lang: Lang): Set<string> {
  const found = new Set<string>();
  for (const term of SENSITIVE_TERM_ENTRIES) {
    if (emphasise(text, term[lang]).some((r) => r.sensitive)) found.add(term.id);
  }
  return found;
}

/** Source files of the shop that run in the app (its pages, features and components), tests left out. */
function shopSources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'privacy-content') walk(path);
      } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        out.push({ file: path, text: readFileSync(path, 'utf8') });
      }
    }
  };
  for (const dir of ['pages', 'features', 'shop']) walk(join(SRC, dir));
  out.push({ file: join(SRC, 'app.tsx'), text: readFileSync(join(SRC, 'app.tsx'), 'utf8') });
  return out;
}

/**
 * The purposes a feature of the shop uses: asked for by a component (`consentPrompts.request('p'`),
 * or gated (`has('p')`, `canTrack('p')`) by a `shopApi` call that some page, feature or component makes.
 */
function consumedPurposes(): Set<string> {
  const sources = shopSources();
  const apiFile = sources.find((s) => s.file.endsWith(join('shop', 'shopApi.ts')))!;
  const callers = sources.filter((s) => s !== apiFile);
  const used = new Set<string>();
  for (const s of callers) for (const m of s.text.matchAll(/consentPrompts\.request\('([a-z0-9-]+)'/g)) used.add(m[1]);
  // Each method of the shop API and the purposes it checks.
  const methods = apiFile.text.split(/\n {4}async /).slice(1);
  for (const body of methods) {
    const name = /^([A-Za-z]+)\(/.exec(body)?.[1];
    if (!name) continue;
    const called = callers.some((s) => new RegExp(`\\.${name}\\(`).test(s.text));
    if (!called) continue;
    for (const m of body.matchAll(/(?:has|canTrack)\('([a-z0-9-]+)'\)/g)) used.add(m[1]);
  }
  return used;
}

describe('the policy shoppers read', () => {
  it.each(LANGS)('carries no drafting bracket of the seed (%s)', (lang) => {
    const bracketed = policyTexts(lang).filter((t) => /[[\]［］]/.test(t));
    expect(bracketed).toEqual([]);
  });
});

describe('the collection list names only what the app collects', () => {
  it('names no precise location and no whereabouts while the location capability is fuzzy only', () => {
    const precise = /^(wx\.(getLocation|startLocationUpdate|startLocationUpdateBackground|chooseLocation|choosePoi)|wx\.authorize:scope\.userLocation(Background)?)$/;
    const apis = Object.values(capabilities).flatMap((c) => [...c.gatedApis]);
    expect(apis).toContain('wx.getFuzzyLocation');
    expect(apis.filter((a) => precise.test(a))).toEqual([]);
    for (const row of COLLECTION_LIST) {
      for (const lang of LANGS) {
        const named = sensitiveIds(row.items[lang], lang);
        expect({ id: row.id, lang, precise: named.has('precise-location'), whereabouts: named.has('whereabouts') }).toEqual({ id: row.id, lang, precise: false, whereabouts: false });
      }
    }
  });

  it('names no password while the app asks for none (no password input, no password sent)', () => {
    const inputs = shopSources().filter((s) => /\bpassword\b|type=['"]password/.test(s.text));
    expect(inputs.map((s) => s.file)).toEqual([]);
    expect(Object.keys(SENT_FIELDS).filter((k) => /password/i.test(k))).toEqual([]);
    for (const row of COLLECTION_LIST) {
      for (const lang of LANGS) expect({ id: row.id, lang, passwords: sensitiveIds(row.items[lang], lang).has('passwords') }).toEqual({ id: row.id, lang, passwords: false });
    }
  });

  it('ties every sensitive row to a consent that tells, for each sensitive category it holds, why and with what impact (PIPL arts. 29–30)', () => {
    for (const row of COLLECTION_LIST.filter((r) => r.sensitive)) {
      expect({ id: row.id, consent: row.consent ?? null }).toEqual({ id: row.id, consent: expect.any(String) });
      const d = consents[row.consent!].disclosure;
      expect({ id: row.id, article: d.article }).toEqual({ id: row.id, article: 'sensitive' });
      if (d.article !== 'sensitive') continue;
      for (const lang of LANGS) {
        const told = new Set(d.items.flatMap((i) => [...sensitiveIds(i.category[lang], lang)]));
        const held = [...sensitiveIds(row.items[lang], lang)].filter((id) => !told.has(id));
        expect({ id: row.id, lang, untold: held }).toEqual({ id: row.id, lang, untold: [] });
      }
    }
  });

  it('declares every field the app sends against a row of the list', () => {
    const ids = new Set(COLLECTION_LIST.map((r) => r.id));
    for (const [field, d] of Object.entries(SENT_FIELDS)) if ('row' in d) expect({ field, row: d.row, listed: ids.has(d.row) }).toEqual({ field, row: d.row, listed: true });
  });
});

describe('the consents the app offers are the ones its features use', () => {
  it('offers a consent exactly when a feature of the shop asks for it or is gated by it; marks the others as not in the app', () => {
    const used = consumedPurposes();
    expect(used.has('marketing')).toBe(true);
    for (const [purpose, entry] of Object.entries(consents)) {
      if (purpose === GUARDIAN_CONSENT) continue;
      expect({ purpose, offered: consentOffered(entry) }).toEqual({ purpose, offered: used.has(purpose) });
    }
    for (const p of used) expect(Object.keys(consents)).toContain(p);
  });

  it('offers no switch and no sheet for a consent not in the app, names none of them on the first-run sheet', async () => {
    const t = createShopTestRootStore();
    await t.privacy.start();
    await t.agree();
    const notInApp = Object.keys(consents).filter((p) => !consentOffered(consents[p]));
    expect(notInApp).toEqual(expect.arrayContaining(['public-disclosure', 'tracking-functional', 'sensitive-payment', 'sensitive-refund']));
    for (const p of notInApp) {
      expect(t.privacy.consentPrompts.switchable).not.toContain(p);
      await expect(t.privacy.consentPrompts.request(p)).rejects.toThrow('notInApp');
    }
    for (const lang of LANGS) {
      const sheet = t.privacy.texts[lang].sheet.points.join('');
      for (const p of notInApp) expect(sheet).not.toContain(consents[p].title[lang]);
    }
  });
});

describe('each text says what the code does', () => {
  it('the functional-cookie consent does not say the language is asked again: the app keeps the chosen language without it', async () => {
    const t = createShopTestRootStore();
    await t.privacy.start();
    await t.agree();
    expect(t.privacy.consent.canTrack('tracking-functional')).toBe(false);
    await t.privacy.policy.setLanguage('en');
    expect(t.storage.data.get('privacy.lang')).toBe('en');
    const functional = consents['tracking-functional'];
    expect(consentOffered(functional)).toBe(false);
    expect(functional.ifRefused.zh).not.toMatch(/重新选择/);
    expect(functional.ifRefused.en).not.toMatch(/again/);
  });

  it('usage statistics are sent without the session token, as their consent says they cannot be tied to the shopper', () => {
    const analytics = Object.keys(SENT_FIELDS).filter((k) => k.startsWith('POST /v1/shop/analytics '));
    expect(analytics).toEqual(['POST /v1/shop/analytics body:route']);
    const row = COLLECTION_LIST.find((r) => r.id === (SENT_FIELDS['POST /v1/shop/analytics body:route'] as { row: string }).row)!;
    expect(row.consent).toBe('tracking-analytics');
    expect(consents['tracking-analytics'].method.zh).toContain('不附带您的登录凭证');
  });

  it('the location is used on the phone and never kept or sent: no recipient gets it, no request carries it', () => {
    expect(capabilities.location.purpose.why.zh).toContain('不会保存');
    for (const row of SHARING_LIST) {
      expect({ id: row.id, location: /位置|定位/.test(row.data.zh) || /location/i.test(row.data.en) }).toEqual({ id: row.id, location: false });
    }
    expect(Object.keys(SENT_FIELDS).filter((k) => /latitude|longitude|location|position/i.test(k))).toEqual([]);
  });

  it('the transfer abroad names the same categories in the consent and the sharing list: the international warranty registration the app sends', () => {
    const overseas = SHARING_LIST.filter((r) => r.type === 'overseas');
    expect(overseas.map((r) => r.consent)).toEqual(['cross-border']);
    for (const lang of LANGS) expect(overseas[0].data[lang]).toBe(consents['cross-border'].categories[lang]);
    // What an international registration sends: the card number and the destination, nothing else.
    expect(Object.keys(SENT_FIELDS).filter((k) => k.startsWith('POST /v1/shop/warranties body:'))).toEqual(['POST /v1/shop/warranties body:serial', 'POST /v1/shop/warranties body:international']);
    expect(consents['cross-border'].categories.zh).toContain('保修卡编号');
  });

  it('the first-run sheet says what browsing involves, as the collection list does: the IP address, and the decisions kept on the phone', () => {
    const [browsing] = SHOP_PRIVACY.texts!.zh!.sheet!.points!;
    expect(browsing).not.toMatch(/任何个人信息/);
    expect(browsing).toContain('IP 地址');
    expect(browsing).toContain('设备标识');
    expect(COLLECTION_LIST.find((r) => r.id === 'device-and-usage')!.items.zh).toContain('IP地址');
    expect(COLLECTION_LIST.find((r) => r.id === 'authorisation-records')!.items.zh).toContain('设备标识');
    expect(COLLECTION_LIST.find((r) => r.id === 'wechat-identifiers')!.scene.zh).toContain('登录');
  });
});
