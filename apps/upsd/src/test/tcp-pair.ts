import { createServer, connect, type Socket } from 'node:net';
import { once } from 'node:events';

/** A connected loopback TCP pair: the side a server accepted, and the client side. */
export async function tcpPair(): Promise<{ accepted: Socket; client: Socket; close(): void }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const acceptedP = once(server, 'connection') as Promise<[Socket]>;
  const client = connect(port, '127.0.0.1');
  const [[accepted]] = await Promise.all([acceptedP, once(client, 'connect')]);
  server.close();
  return {
    accepted,
    client,
    close() {
      accepted.destroy();
      client.destroy();
    },
  };
}

/** Resolves with everything `socket` receives until it has `bytes` bytes. */
export function receive(socket: Socket, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= bytes) {
        socket.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}
