import net, { type AddressInfo } from 'node:net';

/**
 * How the proxy cuts the way to the database.
 * - `reset`: every open connection is reset at once, new ones are reset on arrival (server gone,
 *   firewall rejecting).
 * - `black-hole`: connections are accepted and kept, every byte is dropped; on restore they are
 *   reset, since their streams lost data (a partition whose state is lost on the way).
 * - `stall`: nothing moves, nothing is lost; on restore the held bytes are delivered in order,
 *   closes included (a partition that heals while TCP still retransmits).
 * - `mute`: handshakes pass, but a connection that sends a query goes silent for good: nothing it
 *   sends arrives, nothing comes back, not even after restore (its peer vanished without a word).
 */
export type ProxyCut = 'reset' | 'black-hole' | 'stall' | 'mute';

/** First bytes of the PostgreSQL messages that start a query: simple query 'Q', parse 'P'. */
const QUERY_MESSAGES = new Set([0x51, 0x50]);

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
  toUpstream: Buffer[];
  toClient: Buffer[];
  clientClosed: boolean;
  upstreamClosed: boolean;
  /** This connection's bytes are being held (stall). */
  holding: boolean;
  /** This connection lost bytes (black hole): reset on restore. */
  lost: boolean;
  /** This connection went silent for good (mute). */
  muted: boolean;
}

export interface TcpProxy {
  port: number;
  /** Connections currently open through the proxy. */
  readonly open: number;
  cut(how: ProxyCut): void;
  /** Forwards again: held bytes go out in order, connections that lost bytes are reset, muted ones stay silent. */
  restore(): void;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of `target` that a test can cut and restore. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let cut: ProxyCut | null = null;
  const pairs = new Set<Pair>();

  const drop = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream?.destroy();
  };

  const connectUpstream = (pair: Pair) => {
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => undefined);
    upstream.on('data', (d: Buffer) => {
      if (pair.lost || pair.muted) return;
      if (cut === 'stall') pair.toClient.push(d);
      else pair.client.write(d);
    });
    upstream.on('close', () => {
      pair.upstreamClosed = true;
      if (pair.lost || pair.muted || cut === 'stall') return; // the close travels after the held bytes
      pairs.delete(pair);
      pair.client.end();
    });
  };

  const server = net.createServer((client) => {
    if (cut === 'reset') return void client.resetAndDestroy();
    const pair: Pair = { client, upstream: null, toUpstream: [], toClient: [], clientClosed: false, upstreamClosed: false, holding: cut === 'stall', lost: cut === 'black-hole', muted: false };
    pairs.add(pair);
    client.on('error', () => undefined);
    client.on('data', (d: Buffer) => {
      if (cut === 'mute' && QUERY_MESSAGES.has(d[0]!) && !pair.muted) {
        pair.muted = true;
        pair.upstream?.destroy();
      }
      if (pair.lost || pair.muted) return;
      if (pair.holding) pair.toUpstream.push(d);
      else pair.upstream!.write(d);
    });
    client.on('close', () => {
      pair.clientClosed = true;
      if (pair.muted) return void pairs.delete(pair);
      if (pair.lost || pair.holding) return; // the close travels after the held bytes
      pairs.delete(pair);
      pair.upstream?.end();
    });
    if (cut === null || cut === 'mute') connectUpstream(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    get open() {
      return pairs.size;
    },
    cut(how) {
      cut = how;
      for (const pair of [...pairs]) {
        if (how === 'reset') drop(pair);
        else if (how === 'black-hole') pair.lost = true;
        else if (how === 'stall') pair.holding = true;
      }
    },
    restore() {
      cut = null;
      for (const pair of [...pairs]) {
        if (pair.muted) continue;
        if (pair.lost) {
          drop(pair);
          continue;
        }
        pair.holding = false;
        if (!pair.upstream) connectUpstream(pair);
        for (const d of pair.toUpstream.splice(0)) pair.upstream!.write(d);
        for (const d of pair.toClient.splice(0)) pair.client.write(d);
        if (pair.clientClosed || pair.upstreamClosed) {
          pairs.delete(pair);
          pair.upstream!.end();
          pair.client.end();
        }
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of pairs) drop(pair);
        pairs.clear();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
