import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a server (the test's PostgreSQL), for tests of a
 * network that fails: it can cut every open connection, or the one that next sends bytes,
 * at the moment a test chooses.
 */
export interface TcpProxy {
  readonly port: number;
  /** Cuts the connection that next sends anything (that data is not forwarded). */
  cutOnNextData(): void;
  /** Cuts every open connection now. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let cutNext = false;
  const cut = (pair: [Socket, Socket]) => {
    pairs.delete(pair);
    for (const s of pair) s.destroy();
  };
  const server: Server = createServer((down) => {
    const up = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [down, up];
    pairs.add(pair);
    down.on('data', (chunk) => {
      if (cutNext) {
        cutNext = false;
        return cut(pair);
      }
      up.write(chunk);
    });
    up.on('data', (chunk) => down.write(chunk));
    for (const s of pair) {
      s.on('error', () => cut(pair));
      s.on('close', () => cut(pair));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cutOnNextData: () => {
      cutNext = true;
    },
    cutAll: () => {
      for (const pair of [...pairs]) cut(pair);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of [...pairs]) cut(pair);
        server.close(() => resolve());
      }),
  };
}
