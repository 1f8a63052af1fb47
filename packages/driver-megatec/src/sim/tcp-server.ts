import { createServer, type Server, type Socket } from 'node:net';
import type { MegatecUps } from './megatec-ups.js';
import { commandHandler } from './line-handler.js';

/** Serves a simulated UPS over TCP as a serial line would: CR-terminated commands and replies. */
export async function serveOverTcp(
  ups: MegatecUps,
  options: { port?: number; host?: string } = {},
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on(
      'data',
      commandHandler(ups, (bytes) => socket.writable && socket.write(bytes)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    server,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
