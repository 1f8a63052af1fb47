import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { ListenAddress } from '@nut-ts/config';
import type { Logger } from '@nut-ts/core';

/** NUT's listeners when upsd.conf has no LISTEN line. */
export const DEFAULT_LISTEN: ListenAddress[] = [
  { address: '127.0.0.1', port: 3493 },
  { address: '::1', port: 3493 },
];

/** Binds every LISTEN address; `*` means all IPv4 and IPv6 addresses. */
export async function bindListeners(
  listen: readonly ListenAddress[],
  onConnection: (socket: Socket) => void,
  options: { allowNotAll: boolean; logger: Logger },
): Promise<Server[]> {
  const wanted = (listen.length > 0 ? listen : DEFAULT_LISTEN).flatMap((entry) =>
    entry.address === '*'
      ? [
          { ...entry, address: '0.0.0.0' },
          { ...entry, address: '::' },
        ]
      : [entry],
  );
  const servers: Server[] = [];
  const failures: string[] = [];
  for (const entry of wanted) {
    const server = createServer({ noDelay: true }, onConnection);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(
          {
            host: entry.address,
            port: entry.port,
            ipv6Only: entry.address.includes(':'),
            backlog: 4096,
          },
          () => {
            server.off('error', reject);
            resolve();
          },
        );
      });
      const address = server.address() as AddressInfo;
      options.logger.info({ address: address.address, port: address.port }, 'listening');
      servers.push(server);
    } catch (error) {
      failures.push(`${entry.address} port ${entry.port}: ${(error as Error).message}`);
    }
  }
  const defaultsOnly = listen.length === 0;
  if (failures.length > 0 && (servers.length === 0 || !(options.allowNotAll || defaultsOnly))) {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    throw new Error(`cannot listen on ${failures.join('; ')}`);
  }
  for (const failure of failures) options.logger.warn(`not listening on ${failure}`);
  return servers;
}
