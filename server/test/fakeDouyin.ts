import http from 'node:http';
import { hugeJson, listenOnLoopback, trickle } from './hostileAnswers';

/** A local stand-in for Douyin's code2Session endpoint. */
export interface FakeDouyin {
  url: string;
  /** Codes received, in order. */
  calls: string[];
  close(): Promise<void>;
}

/** The Douyin app credentials the fake server checks. */
export const TEST_DOUYIN = Object.freeze({ appId: 'tt-test-app', secret: 'tt-test-secret' });

/**
 * Answers `POST /api/apps/v2/jscode2session` (a JSON body `{ appid, secret, code, anonymous_code }`)
 * as Douyin documents it: `{ err_no, err_tips, log_id, data: { session_key, openid,
 * anonymous_openid, unionid } }`. By the code: `ok:<openid>` → an identity; `invalid` → err_no
 * 40018; `busy` → -1; `slow` → answers after 3 s; `malformed` → not JSON; `noopenid` → data
 * without openid; `nodata` → no data; `http500` → HTTP 500.
 * Hostile answers: `http404openid` → an identity with HTTP 404; `errnostring` → err_no "40018" as
 * a string next to an openid; `errnozerostring` → "0" and an openid; `redirect` → 307 to an `ok:`
 * code; `huge` → 200 with a 5 MB JSON body; `trickle` → 200 whose body arrives one byte every
 * 100 ms for 10 s. A wrong appid (40015) or secret (40017) is refused, and so is a GET.
 */
export async function startFakeDouyin(expected: { appId: string; secret: string } = TEST_DOUYIN): Promise<FakeDouyin> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const json = (body: unknown, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const fail = (err_no: number, err_tips: string) => json({ err_no, err_tips, log_id: 'fake-log', data: {} });
    const identity = (openid: string, extra: Record<string, unknown> = {}) =>
      ({ err_no: 0, err_tips: 'success', log_id: 'fake-log', data: { session_key: 'c2Vzc2lvbg==', openid, anonymous_openid: '', unionid: `union-${openid}` }, ...extra });
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    // Where `redirect` points: a client that followed it would sign in "redirected-user".
    if (pathname === '/redirected') {
      calls.push('(redirected)');
      return json(identity('redirected-user'));
    }
    if (pathname !== '/api/apps/v2/jscode2session') return void res.writeHead(404).end();
    if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(40014, 'bad request');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: { appid?: unknown; secret?: unknown; code?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return fail(40014, 'bad request');
      }
      if (body.appid !== expected.appId) return fail(40015, 'bad appid');
      if (body.secret !== expected.secret) return fail(40017, 'bad secret');
      const code = typeof body.code === 'string' ? body.code : '';
      calls.push(code);
      if (code.startsWith('ok:')) return json(identity(code.slice(3)));
      switch (code) {
        case 'invalid':
          return fail(40018, 'bad code');
        case 'busy':
          return fail(-1, 'system error');
        case 'slow':
          return void setTimeout(() => json(identity('slow-user')), 3000).unref();
        case 'malformed':
          res.writeHead(200, { 'content-type': 'application/json' });
          return void res.end('{"err_no": 0, "data": {"openid": "abc"');
        case 'noopenid':
          return json({ err_no: 0, err_tips: 'success', data: { session_key: 'x', anonymous_openid: 'anon' } });
        case 'nodata':
          return json({ err_no: 0, err_tips: 'success', openid: 'top-level-user' });
        case 'http404openid':
          return json(identity('hostile-user'), 404);
        case 'errnostring':
          return json(identity('hostile-user', { err_no: '40018', err_tips: 'bad code' }));
        case 'errnozerostring':
          return json(identity('zero-string-user', { err_no: '0' }));
        case 'redirect':
          res.writeHead(307, { location: '/redirected' });
          return void res.end();
        case 'huge':
          return hugeJson(res, '{"err_no":0,"data":{"openid":"huge-user"},"pad":"');
        case 'trickle':
          return trickle(res);
        case 'http500':
          return void res.writeHead(500).end('oops');
        default:
          return fail(40018, 'bad code');
      }
    });
  });
  return { ...(await listenOnLoopback(server)), calls };
}
