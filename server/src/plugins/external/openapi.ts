import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';

/** Collects route schemas into an OpenAPI 3 document served at /openapi.json. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'Privacy module API', version: '1.0.0', description: 'Sessions, policy versions, consent ledger, export, cancellation and ops.' },
        components: {
          securitySchemes: {
            session: { type: 'http', scheme: 'bearer', description: 'Shopper session token from POST /v1/sessions' },
            ops: { type: 'http', scheme: 'bearer', description: 'Named ops token' },
          },
        },
      },
    });
    app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
