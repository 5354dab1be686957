import http from 'node:http';
import { hugeJson, listenOnLoopback, trickle } from './hostileAnswers';

/** A local stand-in for WeChat's code2Session endpoint. */
export interface FakeWechat {
  url: string;
  /** Codes received, in order. */
  calls: string[];
  close(): Promise<void>;
}

/**
 * Answers `/sns/jscode2session` by the code: `ok:<openid>` → an identity; `invalid` → errcode
 * 40029; `used` → 40163; `busy` → -1; `ratelimited` → 45011; `slow` → answers after 3 s;
 * `malformed` → not JSON; `noopenid` → JSON without openid; `http500` → HTTP 500.
 * Hostile answers: `http404openid` / `http403openid` → an identity with HTTP 404 / 403;
 * `errcodestring` → errcode "40029" as a string next to an openid; `errcodezerostring` → "0" and
 * an openid; `redirect` → 302 to an `ok:` code; `huge` → 200 with a 5 MB JSON body; `trickle` →
 * 200 whose body arrives one byte every 100 ms for 10 s.
 */
export async function startFakeWechat(expected: { appId: string; secret: string }): Promise<FakeWechat> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return void res.writeHead(404).end();
    if (url.searchParams.get('appid') !== expected.appId || url.searchParams.get('secret') !== expected.secret) {
      return json({ errcode: 40125, errmsg: 'invalid appsecret' });
    }
    const code = url.searchParams.get('js_code') ?? '';
    calls.push(code);
    if (code.startsWith('ok:')) return json({ openid: code.slice(3), session_key: 'c2Vzc2lvbg==' });
    switch (code) {
      case 'invalid':
        return json({ errcode: 40029, errmsg: 'invalid code' });
      case 'used':
        return json({ errcode: 40163, errmsg: 'code been used' });
      case 'busy':
        return json({ errcode: -1, errmsg: 'system error' });
      case 'ratelimited':
        return json({ errcode: 45011, errmsg: 'api minute-quota reach limit' });
      case 'slow':
        return void setTimeout(() => json({ openid: 'slow-user', session_key: 'x' }), 3000).unref();
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"openid": "abc"');
      case 'noopenid':
        return json({ session_key: 'x' });
      case 'http404openid':
      case 'http403openid':
        res.writeHead(code === 'http404openid' ? 404 : 403, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ openid: 'hostile-user', session_key: 'x' }));
      case 'errcodestring':
        return json({ errcode: '40029', errmsg: 'invalid code', openid: 'hostile-user' });
      case 'errcodezerostring':
        return json({ errcode: '0', errmsg: 'ok', openid: 'zero-string-user' });
      case 'redirect':
        res.writeHead(302, { location: `/sns/jscode2session?appid=${expected.appId}&secret=${expected.secret}&js_code=ok:redirected-user` });
        return void res.end();
      case 'huge':
          return hugeJson(res, '{"openid":"huge-user","pad":"');
      case 'trickle':
          return trickle(res);
      case 'http500':
        return void res.writeHead(500).end('oops');
      default:
        return json({ errcode: 40029, errmsg: 'invalid code' });
    }
  });
  return { ...(await listenOnLoopback(server)), calls };
}
