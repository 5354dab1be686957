/**
 * Every field the app sends to the backend, and why: personal information names the collection
 * list row that declares it; anything else says why it is not personal information. The network
 * capture suite (test/reliability/network-capture.test.ts) records the app's requests in its
 * flows and fails on a field missing here, so a new field cannot be sent undeclared.
 */
export type SentFieldDeclaration = { readonly row: string } | { readonly technical: string };

/** `METHOD /path where:field`, with numeric path segments as `:n` and UUIDs as `:id` (e.g. `POST /v1/me/consents body:events[].deviceId`). */
export function sentFieldKey(method: string, pathname: string, where: 'query' | 'header' | 'body', field: string): string {
  const path = pathname.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi, '/:id').replace(/\/\d+(?=\/|$)/g, '/:n');
  return `${method} ${path} ${where}:${field}`;
}

const AGE_CHECK = { row: 'age-verification' } as const; // a 14–17-year-old's guardian confirming

const SESSION = { row: 'online-identifiers' } as const; // the session token stands for the shopper's account
const LOGIN_CODE = { row: 'wechat-identifiers' } as const; // exchanged by the backend for the OpenID
const RECORD = { row: 'authorisation-records' } as const;

export const SENT_FIELDS: Readonly<Record<string, SentFieldDeclaration>> = Object.freeze({
  // Policy content: asked before agreement, tied to no one.
  'GET /v1/policy/current query:lang': { technical: 'the language to show the policy in' },
  'GET /v1/policy/current query:include': { technical: 'which parts of the policy to return' },
  // Sign-in.
  'POST /v1/sessions body:code': LOGIN_CODE,
  'POST /v1/sessions body:existing': { technical: 'sign in only to an account that exists (a returning member): never make one' },
  'POST /v1/sessions body:guardianProof': AGE_CHECK,
  // A guardian's confirmation (14–17): the number the code goes to (kept only as a keyed hash), and the code typed.
  'POST /v1/guardian-codes body:deviceId': RECORD,
  'POST /v1/guardian-codes body:phone': AGE_CHECK,
  'POST /v1/guardian-codes/:id/verification body:deviceId': RECORD,
  'POST /v1/guardian-codes/:id/verification body:code': AGE_CHECK,
  // The authorisation ledger: each decision, with its time, policy version and random device id.
  'POST /v1/me/consents header:authorization': SESSION,
  'POST /v1/me/consents body:events[].id': { technical: 'a random id of the record, so a resent one is stored once' },
  'POST /v1/me/consents body:events[].kind': RECORD,
  'POST /v1/me/consents body:events[].purpose': RECORD,
  'POST /v1/me/consents body:events[].value': RECORD,
  'POST /v1/me/consents body:events[].policyVersion': RECORD,
  'POST /v1/me/consents body:events[].deviceId': RECORD,
  'POST /v1/me/consents body:events[].occurredAt': RECORD,
  'POST /v1/me/consents body:events[].source': RECORD,
  'POST /v1/me/consents body:events[].textHash': RECORD,
  'GET /v1/me/consents header:authorization': SESSION,
  // The shopper's rights: export, cancellation and its undo.
  'GET /v1/me/export header:authorization': SESSION,
  // The profile details the shopper gives (and corrects) in the privacy centre.
  'GET /v1/me/profile header:authorization': SESSION,
  'PUT /v1/me/profile header:authorization': SESSION,
  'PUT /v1/me/profile header:idempotency-key': { technical: 'a random key so a retried correction is applied once' },
  'PUT /v1/me/profile body:nickname': { row: 'online-identifiers' },
  'PUT /v1/me/profile body:phone': { row: 'registration' },
  'PUT /v1/me/profile body:code': LOGIN_CODE,
  'GET /v1/me/cancellation header:authorization': SESSION,
  'POST /v1/me/cancellation header:authorization': SESSION,
  'POST /v1/me/cancellation header:idempotency-key': { technical: 'a random key so a retried request is applied once' },
  'POST /v1/me/cancellation body:confirm': { row: 'account-cancellation' },
  'POST /v1/me/cancellation body:reason': { row: 'account-cancellation' },
  'POST /v1/me/cancellation body:code': LOGIN_CODE,
  'POST /v1/me/cancellation/withdrawal header:authorization': SESSION,
  'POST /v1/me/cancellation/withdrawal body:code': LOGIN_CODE,
  'POST /v1/sessions/sign-out header:authorization': SESSION,
  'POST /v1/sessions/sign-out body:scope': { technical: 'whether to end this session or every session of the shopper' },
  'POST /v1/sessions/sign-out body:signedOutAt': { technical: 'when the shopper signed out, for a sign-out sent after being offline' },
  // The shop's features, each behind its separate consent where one applies.
  'GET /v1/shop/recommendations header:authorization': SESSION,
  'POST /v1/shop/product-views header:authorization': SESSION,
  'POST /v1/shop/product-views body:productId': { row: 'personalisation' },
  'POST /v1/shop/newsletter header:authorization': SESSION,
  'POST /v1/shop/newsletter body:channel': { row: 'marketing' },
  'POST /v1/shop/dealer-appointments header:authorization': SESSION,
  'POST /v1/shop/dealer-appointments body:dealerId': { row: 'after-sales' },
  'POST /v1/shop/dealer-appointments body:date': { row: 'after-sales' },
  'POST /v1/shop/warranties header:authorization': SESSION,
  'POST /v1/shop/warranties header:idempotency-key': { technical: 'a random key so a retried registration is stored once' },
  'GET /v1/shop/warranties header:authorization': SESSION,
  'POST /v1/shop/warranties body:serial': { row: 'after-sales' },
  'POST /v1/shop/warranties body:international': { row: 'after-sales' },
  // Page views go without the session token: they cannot be tied to the shopper.
  'POST /v1/shop/analytics body:route': { row: 'page-views' },
});
