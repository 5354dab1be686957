/**
 * What the fake login servers (WeChat's, Douyin's) answer when a test asks them to misbehave, and
 * how they listen: one copy for both.
 */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 200 whose JSON body, after `opening` (an unclosed `"pad":"` string), runs past 5 MB. */
export function hugeJson(res: ServerResponse, opening: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const pad = 'x'.repeat(1024 * 1024);
  res.write(opening);
  for (let i = 0; i < 5; i++) res.write(pad);
  res.end('"}');
}

/** A 200 that sends one space every 100 ms for 10 s: each byte arrives in time, the whole never does. */
export function trickle(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  let n = 0;
  const timer = setInterval(() => {
    if (res.destroyed || ++n > 100) {
      clearInterval(timer);
      return void res.end();
    }
    res.write(' ');
  }, 100);
  timer.unref();
}

/** Starts `server` on a free loopback port: its URL, and a close that drops open connections. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
