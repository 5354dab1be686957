// Fastify's `inject` (light-my-request) requires the ESM-only `cookie` 2 package. Node 20 loads it
// through require(esm); Jest's module runtime cannot (its error says Node 24.9+). Inject only uses
// `stringifySetCookie({ name, value })` for request cookies, so a CommonJS stand-in is enough.
// The lasting fix is `transformIgnorePatterns` letting @swc/jest compile `cookie` in jest.config.js.
jest.mock('cookie', () => ({
  stringifySetCookie: (c: { name: string; value?: string | null }) => `${c.name}=${encodeURIComponent(c.value ?? '')}`,
}));
export {};
