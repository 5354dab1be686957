import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';

/** Cookie and header of the ops console (kept equal to `routes/console.ts`, checked by its test). */
const CONSOLE_COOKIE_NAME = 'ops_session';
const CSRF_HEADER_NAME = 'x-csrf-token';

/** A one-line summary per operation, by `METHOD url`. */
export const SUMMARIES: Readonly<Record<string, string>> = Object.freeze({
  'GET /healthz': 'Liveness',
  'GET /readyz': 'Readiness (database reachable)',
  'POST /v1/sessions': 'Sign in with a WeChat or Douyin login code',
  'POST /v1/sessions/sign-out': 'Sign out on this device, or everywhere',
  'GET /v1/policy/current': 'The policy version in force',
  'GET /v1/policy/versions/{version}': 'A policy version that has been in force',
  'GET /v1/me/consents': "The caller's consent state and events",
  'POST /v1/me/consents': 'Append consent events',
  'GET /v1/me/export': 'Export everything held about the caller',
  'POST /v1/me/cancellation': 'Request account cancellation',
  'GET /v1/me/cancellation': "The caller's latest cancellation request",
  'POST /v1/me/cancellation/withdrawal': 'Withdraw a pending cancellation (re-authenticated)',
  'GET /v1/cancellation/terms': 'The cooling-off period and deadline a cancellation asked now would be given',
  'GET /ops/api/session': 'The ops console session',
  'POST /ops/api/session': 'Sign in to the ops console with an ops token',
  'DELETE /ops/api/session': 'Sign out of the ops console',
  'GET /v1/admin/activations': 'Activation history',
  'GET /v1/admin/lists/{version}': 'Collection and sharing lists of a version',
  'PUT /v1/admin/lists/{version}/{kind}': 'Replace a collection or sharing list',
  'GET /v1/admin/policies/{version}/diff': 'Changes of a version against another',
  'GET /v1/admin/privacy-guide': 'Privacy guide checklist',
  'POST /v1/admin/privacy-guide/filings': 'Record a privacy guide filing',
  'GET /v1/admin/policies': 'List policy versions',
  'GET /v1/admin/policies/{version}': 'A policy version with its status',
  'POST /v1/admin/policies': 'Create a draft',
  'PUT /v1/admin/policies/{version}': 'Edit a draft',
  'POST /v1/admin/policies/{version}/publish': 'Publish a draft',
  'POST /v1/admin/policies/{version}/activate': 'Activate a published version now or at a time',
  'GET /v1/admin/stats': 'Consent statistics',
  'GET /v1/admin/audit': 'Audit log, filtered',
  'GET /v1/admin/audit.csv': 'The audit log as CSV',
  'GET /v1/admin/tokens': 'List ops tokens',
  'POST /v1/admin/tokens': 'Create an ops token',
  'DELETE /v1/admin/tokens/{id}': 'Revoke an ops token',
  'GET /v1/shop/recommendations': 'Product recommendations (personalised with consent)',
  'POST /v1/shop/newsletter': 'Subscribe to the newsletter',
  'POST /v1/shop/dealer-appointments': 'Book a dealer appointment',
  'POST /v1/shop/warranties': 'Register a warranty card for the caller (Idempotency-Key)',
  'GET /v1/shop/warranties': "The caller's warranty registrations",
  'POST /v1/shop/product-views': 'Record a product the caller opened (personalisation consent)',
  'POST /v1/shop/refunds': 'Request a refund',
  'POST /v1/shop/analytics': 'Record a page view (with consent)',
});

/** `getV1MeConsents`, `postV1AdminPoliciesByVersionPublish`: unique per method and path. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .filter(Boolean)
    .flatMap((seg) => (seg.startsWith(':') || seg.startsWith('{') ? ['by', seg.replace(/[:{}]/g, '')] : seg.split(/[^A-Za-z0-9]+/)));
  return [method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
}

/**
 * Collects route schemas into an OpenAPI 3 document served at /openapi.json. Every operation gets
 * an operationId and a summary, and its security from the route's `auth`: shopper routes the
 * session bearer token, ops routes an ops bearer token or the console cookie (with the CSRF
 * header on writes), public routes none (`security: []`, or what the route's schema declares,
 * such as an optional session).
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'Privacy module API', version: '1.0.0', description: 'Sessions, policy versions, consent ledger, export, cancellation and ops.' },
        servers: [{ url: '/', description: 'This server (the API is served from the root of its origin)' }],
        components: {
          securitySchemes: {
            session: { type: 'http', scheme: 'bearer', description: 'Shopper session token from POST /v1/sessions' },
            ops: { type: 'http', scheme: 'bearer', description: 'Named ops token' },
            console: { type: 'apiKey', in: 'cookie', name: CONSOLE_COOKIE_NAME, description: 'Ops console session from POST /ops/api/session (HttpOnly, SameSite=Strict)' },
            csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER_NAME, description: 'The csrfToken of the console session; required with the cookie on writes' },
          },
        },
      },
      transform: ({ schema, url, route }) => {
        const method = String([route.method].flat()[0]);
        const openapiUrl = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        const auth = route.config?.auth;
        const write = method !== 'GET' && method !== 'HEAD';
        const security =
          auth === 'shopper'
            ? [{ session: [] }]
            : auth === 'ops'
              ? [{ ops: [] }, write ? { console: [], csrf: [] } : { console: [] }]
              : url === '/ops/api/session' && method !== 'POST'
                ? [write ? { console: [], csrf: [] } : { console: [] }]
                : auth === 'public'
                  ? ((schema as { security?: Record<string, string[]>[] } | undefined)?.security ?? [])
                  : undefined;
        const out: Record<string, unknown> = {
          ...(schema ?? {}),
          operationId: operationIdOf(method, url),
          summary: (schema as { summary?: string } | undefined)?.summary ?? SUMMARIES[`${method} ${openapiUrl}`] ?? `${method} ${openapiUrl}`,
        };
        if (security) out.security = security;
        return { schema: out as typeof schema, url };
      },
    });
    app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
