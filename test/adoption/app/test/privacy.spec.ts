/**
 * The app's own Jest tests of its privacy flows, in Node without Taro: `jest.config.js` names the
 * package's preset and nothing else.
 */
import { describe, expect, test } from '@jest/globals';
import Taro from '@tarojs/taro';
import { FEATURE_ACCESS, PermissionStatus, requestFeature } from '@maison/privacy';
import { PRIVACY_GATED_API_IDS, policyContentHash, privacyAppProblems } from '@maison/privacy/config';
import { createTestRootStore } from '@maison/privacy/testing';
import { ACME_PRIVACY } from '../src/privacy-content/app';
import { ACME_DOCUMENTS } from '../src/privacy-content/documents';

describe("Acme's privacy description", () => {
  test('passes the one check: controller, consent by its article, capability, lists and the policy hash', () => {
    expect(privacyAppProblems(ACME_PRIVACY, ACME_DOCUMENTS, policyContentHash)).toEqual([]);
  });
});

describe('the camera feature behind the privacy layer', () => {
  test('first run: the sheet, nothing gated; agreed, the purpose sheet and the system prompt, then it runs', async () => {
    const t = createTestRootStore({ app: ACME_PRIVACY, pagesRoot: 'legal', keyPrefix: 'adopter.privacy.' });
    await t.privacy.start();
    expect(t.privacy.ui.openSheet).toBe('privacy');
    await expect(requestFeature(t.privacy, 'camera')).resolves.toBe('needs-policy');
    expect(t.permissions.gated()).toEqual([]);

    await t.agree();
    t.answerSystemPrompt('allow');
    const tap = requestFeature(t.privacy, 'camera');
    await expect(t.answerPurposeSheet('continue')).resolves.toBe('camera');
    await expect(tap).resolves.toBe('run');
    expect(t.privacy.permissions.status('camera')).toBe(PermissionStatus.GRANTED);
    expect(FEATURE_ACCESS).toContain('run');
  });

  test('"not now" on the purpose sheet: the fallback, and no system prompt', async () => {
    const t = createTestRootStore({ app: ACME_PRIVACY });
    await t.privacy.start();
    await t.privacy.gate.agree('privacy-agree');
    const tap = requestFeature(t.privacy, 'camera');
    await t.answerPurposeSheet('not-now');
    await expect(tap).resolves.toBe('fallback');
    expect(t.permissions.gated()).toEqual([]);
  });

  test('the stand-ins: Taro hooks do nothing, its APIs throw and name themselves; the gated-API ids are at hand', () => {
    expect(() => Taro.navigateTo({ url: '/legal/policy/index' })).toThrow(/Taro\.navigateTo is not available in Jest/);
    expect(PRIVACY_GATED_API_IDS).toContain('wx.getFuzzyLocation');
  });
});

describe('the member-news consent', () => {
  test('a refusal: the feature goes on without it, and nothing asks again by itself', async () => {
    const t = createTestRootStore({ app: ACME_PRIVACY });
    await t.privacy.start();
    await t.agree();
    const asked = t.privacy.consentPrompts.request('member-news');
    await t.answerConsentSheet('refuse');
    await expect(asked).resolves.toBe('refused');
    expect(t.privacy.consentPrompts.wasRefused('member-news')).toBe(true);
    await expect(t.answerConsentSheet('agree')).rejects.toThrow(/no consent sheet is open/);
  });

  test('asked on its own sheet after the policy; a yes is recorded, the centre can turn it off', async () => {
    const t = createTestRootStore({ app: ACME_PRIVACY });
    await t.privacy.start();
    await t.agree();
    const asked = t.privacy.consentPrompts.request('member-news');
    expect(t.privacy.consentPrompts.entry('member-news').title.en).toBe('Member news');
    await expect(t.answerConsentSheet('agree')).resolves.toBe('member-news');
    await expect(asked).resolves.toBe('granted');
    expect(t.privacy.consentPrompts.has('member-news')).toBe(true);
    await t.privacy.consentPrompts.set('member-news', false);
    expect(t.privacy.consentPrompts.has('member-news')).toBe(false);
  });
});
