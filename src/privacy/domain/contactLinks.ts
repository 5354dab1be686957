/**
 * The phone numbers and e-mail addresses in a line of contact text, so they can be tapped: a
 * `tel:` / `mailto:` link in the browser, a call or a copy on WeChat. Pure TypeScript.
 */

/** The policy section whose text is the contact channel (the privacy centre shows it; its numbers and addresses are links). */
export const CONTACT_SECTION_ID = 'contact-us';

/** A piece of a contact line: plain text, or a phone number or e-mail address with where it leads. */
export type ContactRun = { kind: 'text'; text: string } | { kind: 'phone' | 'email'; text: string; href: string };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/**
 * A phone number as policies write it: an optional `+`, then digits with spaces, dots, hyphens or
 * a bracketed trunk prefix between them ("+86 400 885 6618", "+41 (0) 22 721 3500", "021-6288 0000").
 */
const PHONE = /\+?\d(?:[\d \-.]|\(\d{1,4}\))*\d/;
/** Fewer digits than this is a street number, a postcode or a year, not a phone number. */
const MIN_PHONE_DIGITS = 8;
/** More than this is no phone number either (an account or an order number). */
const MAX_PHONE_DIGITS = 15;

/** 2023-12-01, 2023.12.01: eight digits that are a day. */
const DATE = /^\d{4}[-.]\d{1,2}[-.]\d{1,2}$/;

const FINDER = new RegExp(`(${EMAIL.source})|(${PHONE.source})`, 'g');

/** The digits a phone link dials, with the leading `+` kept and a bracketed trunk prefix left out. */
export function dialledNumber(phone: string): string {
  const international = phone.trim().startsWith('+');
  const digits = phone.replace(/\(0\)/g, '').replace(/\D/g, '');
  return international ? `+${digits}` : digits;
}

/** Splits `text` into plain runs and the phone numbers and e-mail addresses in it, in order. */
export function contactRuns(text: string): ContactRun[] {
  const runs: ContactRun[] = [];
  let plain = '';
  let at = 0;
  for (const m of text.matchAll(FINDER)) {
    const index = m.index ?? 0;
    const [found, email] = m;
    const before = text[index - 1] ?? '';
    const after = text[index + found.length] ?? '';
    const digits = found.replace(/\D/g, '').length;
    // A number glued to letters ("ISO27001"), too short or long to dial, or a date stays text.
    const phone =
      !email && !/[A-Za-z0-9]/.test(before) && !/[A-Za-z0-9]/.test(after) && digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS && !DATE.test(found);
    if (!email && !phone) continue;
    plain += text.slice(at, index);
    if (plain) runs.push({ kind: 'text', text: plain });
    plain = '';
    runs.push(email ? { kind: 'email', text: found, href: `mailto:${found}` } : { kind: 'phone', text: found, href: `tel:${dialledNumber(found)}` });
    at = index + found.length;
  }
  plain += text.slice(at);
  if (plain) runs.push({ kind: 'text', text: plain });
  return runs;
}
