import WebSocket from 'ws';
import { startFixture } from '@nut-ts/upsd/testing';
import { waitFor } from '@nut-ts/testkit';
import { createWeb, type NutWeb, type WebConfig } from '../create-web.js';
import type { WebEvent } from '../ups-state.js';

/** What closeWebSites closes, last started first. */
const open: Array<{ close(): unknown }> = [];

/** Closes every WebSocket, nut-web and upsd started here since the last call (for afterEach). */
export async function closeWebSites(): Promise<void> {
  for (const item of open.splice(0).reverse()) await item.close();
}

/** nut-web listening on 127.0.0.1 (any port) for `servers`, polling every `pollMs`. */
export async function listenWeb(
  servers: WebConfig['servers'],
  pollMs: number,
): Promise<{ web: NutWeb; port: number; base: string }> {
  const web = createWeb({ servers, listen: { host: '127.0.0.1', port: 0 }, pollMs });
  open.push(web);
  const { port } = await web.listen();
  return { web, port, base: `http://127.0.0.1:${port}` };
}

/**
 * Our upsd (the upsd test fixture) and nut-web in front of it as server `local`, once nut-web
 * has read the UPS (status OL) and, with `livePush`, its server pushes changes (NUTTS-WATCH).
 */
export async function startWebSite({
  pollMs,
  livePush = false,
}: {
  pollMs: number;
  livePush?: boolean;
}) {
  const fixture = await startFixture();
  open.push(fixture);
  const site = await listenWeb([{ id: 'local', host: '127.0.0.1', port: fixture.port }], pollMs);
  const get = async <T>(path: string) => (await (await fetch(`${site.base}${path}`)).json()) as T;
  await waitFor(
    async () => {
      const [ups] = await get<Array<{ status?: string }>>('/api/ups');
      if (ups?.status !== 'OL') return false;
      if (!livePush) return true;
      const [server] = await get<Array<{ push: string }>>('/api/servers');
      return server?.push === 'active';
    },
    { what: livePush ? 'UPS data and live push in nut-web' : 'UPS data in nut-web' },
  );
  return { ...site, fixture };
}

/** A WebSocket subscriber to nut-web on `port`, and the events it got (a snapshot first). */
export async function subscribe(port: number): Promise<{ socket: WebSocket; events: WebEvent[] }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  open.push(socket);
  const events: WebEvent[] = [];
  socket.on('message', (data) => events.push(JSON.parse(String(data)) as WebEvent));
  await waitFor(() => events[0]?.type === 'snapshot', { what: 'snapshot' });
  return { socket, events };
}
