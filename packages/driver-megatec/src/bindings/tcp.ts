import { connect } from 'node:net';
import { TransportError } from '@nut-ts/core';
import type { LinkOpener } from '../transport.js';

/**
 * `port = tcp://host:port`: a simulator, or a serial-to-network server, standing in for the
 * serial line. Connecting gives up after `connectTimeoutMs` (default 3000).
 */
export function tcpLink(host: string, port: number, connectTimeoutMs = 3000): LinkOpener {
  return (events) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new TransportError(
            'CONNECT-TIMEOUT',
            `no connection to ${host}:${port} within ${connectTimeoutMs} ms`,
          ),
        );
      }, connectTimeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(
          new TransportError('CONNECT-FAILED', `cannot reach ${host}:${port}: ${error.message}`, {
            cause: error,
          }),
        );
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        // After the connection: errors end it, and the next query connects again.
        socket.on('error', () => socket.destroy());
        socket.on('data', (data: Buffer) => events.data(data));
        socket.once('close', () => events.closed());
        resolve({
          write: (bytes) =>
            new Promise((done, fail) =>
              socket.write(bytes, (error) =>
                error
                  ? fail(new TransportError('CLOSED', error.message, { cause: error }))
                  : done(),
              ),
            ),
          close: async () => {
            socket.destroy();
          },
        });
      });
    });
}
