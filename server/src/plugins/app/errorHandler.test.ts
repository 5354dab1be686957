import '../../../test/jestShims';
import net, { type AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { errors } from '../../errors';
import { installErrorHandler } from './errorHandler';
import { closedPort } from '../../../test/tcpProxy';

/** The runtime's AggregateError (the compile target's library predates it). */
const NodeAggregateError = (globalThis as unknown as { AggregateError: new (errors: Error[], message: string) => Error }).AggregateError;

/** An error as pg reports one from the server, with its SQLSTATE. */
const serverError = (code: string, message: string) => Object.assign(new pg.DatabaseError(message, message.length, 'error'), { code });


/** A server on 127.0.0.1 that accepts connections and then does `onConnection` with them. */
async function fakeServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: unknown) => err,
  );

describe('error handler: database outages and faults', () => {
  let app: FastifyInstance;
  let thrown: unknown;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    app = Fastify({ logger: { level: 'info', stream: { write: (l: string) => void lines.push(JSON.parse(l)) } } });
    installErrorHandler(app);
    app.get('/throw', async () => {
      throw thrown;
    });
    await app.ready();
  });
  afterAll(() => app.close());

  async function answer(err: unknown) {
    thrown = err;
    lines.length = 0;
    const res = await app.inject('/throw');
    const logged = lines.filter((l) => typeof l.level === 'number' && l.level >= 40);
    return { res, logged };
  }

  const outages: [string, () => Promise<unknown>][] = [
    ['connection refused (pg client)', async () => failure(new pg.Client({ host: '127.0.0.1', port: await closedPort() }).connect())],
    // Node reports a host whose every address refused as an AggregateError with an empty message.
    ['connection refused on every address of a host', async () => Object.assign(new NodeAggregateError([new Error('connect ECONNREFUSED ::1:5432')], ''), { code: 'ECONNREFUSED' })],
    [
      'connection closed by the server during the handshake (pg client)',
      async () => {
        const server = await fakeServer((s) => s.destroy());
        try {
          return await failure(new pg.Client({ host: '127.0.0.1', port: server.port }).connect());
        } finally {
          await server.close();
        }
      },
    ],
    [
      'no answer within the connect timeout (pg pool)',
      async () => {
        const server = await fakeServer(() => undefined);
        const pool = new pg.Pool({ host: '127.0.0.1', port: server.port, connectionTimeoutMillis: 200 });
        pool.on('error', () => undefined);
        try {
          return await failure(pool.connect());
        } finally {
          await pool.end().catch(() => undefined);
          await server.close();
        }
      },
    ],
    ['SQLSTATE 57P01 (administrator ended the connection)', async () => serverError('57P01', 'terminating connection due to administrator command')],
    ['SQLSTATE 57P02 (crash of another backend)', async () => serverError('57P02', 'terminating connection because of crash of another server process')],
    ['SQLSTATE 57P03 (starting up or in recovery)', async () => serverError('57P03', 'the database system is starting up')],
    ['SQLSTATE 08006 (connection failure)', async () => serverError('08006', 'connection failure')],
    ['a query read timeout', async () => new Error('Query read timeout')],
  ];

  it.each(outages)('answers %s with 503, Retry-After and a warning that carries no request data', async (_name, make) => {
    const err = await make();
    // The error message may carry data from the request (values, names): it must stay out of the log.
    if (err instanceof Error) err.message += ' [user openid-for-the-log-check]';
    const { res, logged } = await answer(err);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 40, msg: 'database unavailable' });
    expect(JSON.stringify(logged[0])).not.toContain('openid-for-the-log-check');
  });

  it.each([
    ['a unique violation', serverError('23505', 'duplicate key value violates unique constraint "consent_events_pkey"')],
    ['a syntax error', serverError('42601', 'syntax error at or near "ordr"')],
    ['a statement cancelled by statement_timeout', serverError('57014', 'canceling statement due to statement timeout')],
    ['a type error in the code', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('answers %s with 500 and logs it as an error', async (_name, err) => {
    const { res, logged } = await answer(err);
    expect(res.statusCode).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: expect.stringMatching(/^Internal error \(request .+\)$/) } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, msg: 'request failed' });
  });

  it('passes contract errors through unchanged', async () => {
    const { res } = await answer(errors.wechatUnavailable('WeChat did not answer'));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.json()).toEqual({ error: { code: 'WECHAT_UNAVAILABLE', message: 'WeChat did not answer' } });
    // A busy server answers like an outage: 503 with Retry-After.
    const busy = (await answer(errors.busy())).res;
    expect({ status: busy.statusCode, retryAfter: busy.headers['retry-after'], body: busy.json() }).toEqual({
      status: 503,
      retryAfter: '5',
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is busy, try again shortly' } },
    });
  });
});
