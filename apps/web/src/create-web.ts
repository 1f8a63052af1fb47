import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { noopLogger, type Logger } from '@nut-ts/core';
import { createRouter } from './http/router.js';
import { ServerWatch, type ServerSpec } from './server-watch.js';
import type { WebEvent } from './ups-state.js';

export interface WebConfig {
  servers: ServerSpec[];
  listen: { host: string; port: number };
  /** How often upsd is read, in ms (default 1000). */
  pollMs?: number;
}

export interface NutWeb {
  listen(): Promise<AddressInfo>;
  close(): Promise<void>;
  readonly watches: readonly ServerWatch[];
}

/**
 * nut-web: one persistent connection per upsd server, a REST API, Prometheus metrics, the
 * dashboard, and a WebSocket at /ws that sends a snapshot and then every change as it happens.
 */
export function createWeb(config: WebConfig, deps: { logger?: Logger } = {}): NutWeb {
  const logger = deps.logger ?? noopLogger;
  const watches = config.servers.map(
    (spec) => new ServerWatch(spec, config.pollMs ?? 1000, logger.child({ server: spec.id })),
  );
  const router = createRouter(watches);
  const http: Server = createServer((req, res) => void router(req, res));
  const wss = new WebSocketServer({ server: http, path: '/ws', maxPayload: 4096 });
  const snapshot = (): WebEvent => ({
    type: 'snapshot',
    servers: watches.map((w) => w.snapshot),
    ups: watches.flatMap((w) => [...w.ups.values()]),
  });
  wss.on('connection', (socket: WebSocket) => {
    socket.send(JSON.stringify(snapshot()));
    socket.on('error', () => socket.terminate());
  });
  for (const watch of watches) {
    watch.on('event', (event) => {
      const text = JSON.stringify(event);
      for (const client of wss.clients) {
        // A subscriber that does not keep up is dropped rather than buffered without bound.
        if (client.bufferedAmount > 1024 * 1024) client.terminate();
        else if (client.readyState === client.OPEN) client.send(text);
      }
    });
  }
  return {
    watches,
    async listen() {
      for (const watch of watches) watch.start();
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.listen.port, config.listen.host, () => resolve());
      });
      const address = http.address() as AddressInfo;
      logger.info({ address: address.address, port: address.port }, 'nut-web listening');
      return address;
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => http.close(resolve));
      await Promise.all(watches.map((w) => w.stop()));
    },
  };
}
