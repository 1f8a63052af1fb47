import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PushLink } from './push-link.js';

let server: Server | undefined;
let link: PushLink | undefined;
afterEach(async () => {
  link?.stop();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A server that answers every line as NUT 2.8.0 answers an unknown command. */
async function nutLikeServer(): Promise<{ port: number; received: string[] }> {
  const received: string[] = [];
  server = createServer((socket) => {
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) {
        received.push(line);
        socket.write('ERR UNKNOWN-COMMAND\n');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, received };
}

describe('PushLink against a server without NUTTS-WATCH', () => {
  it('marks push unsupported on ERR UNKNOWN-COMMAND and never asks again', async () => {
    const { port, received } = await nutLikeServer();
    link = new PushLink({ host: '127.0.0.1', port });
    const inactive = once(link, 'inactive');
    await link.watch(['ups']);
    expect(await inactive).toEqual(['not supported by the server']);
    expect(link.supported).toBe(false);
    expect(link.active).toBe(false);
    await link.watch(['ups', 'other']);
    expect(received).toEqual(['NUTTS-WATCH ups']);
  });

  it('rejects when the server cannot be reached, and stays willing to retry', async () => {
    const { port } = await nutLikeServer();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    link = new PushLink({ host: '127.0.0.1', port });
    await expect(link.watch(['ups'])).rejects.toThrow();
    expect(link.supported).toBe(true);
  });
});
