import { NutError, TransportError } from '@nut-ts/core';
import { NutClient } from '@nut-ts/client';
import type { ServerSpec } from '../server-watch.js';

export interface ActionRequest {
  username?: string;
  password?: string;
  command?: string;
  value?: string;
  variable?: string;
}

/**
 * Runs an INSTCMD or SET VAR with the caller's credentials on a connection of its own, waits
 * for the driver's TRACKING result (up to 5 s), and reports it.
 */
export async function runAction(
  server: ServerSpec,
  ups: string,
  kind: 'instcmd' | 'set',
  body: ActionRequest,
): Promise<{ status: number; body: Record<string, unknown> }> {
  if (!body.username || !body.password)
    return { status: 401, body: { error: 'username and password are required' } };
  if (kind === 'instcmd' && !body.command)
    return { status: 400, body: { error: 'command is required' } };
  if (kind === 'set' && (!body.variable || body.value === undefined))
    return { status: 400, body: { error: 'variable and value are required' } };
  const client = new NutClient({
    host: server.host,
    port: server.port,
    reconnect: false,
    credentials: { username: body.username, password: body.password },
  });
  try {
    await client.connect();
    await client.setTracking(true).catch(() => {});
    const { trackingId } =
      kind === 'instcmd'
        ? await client.instcmd(ups, body.command!, body.value)
        : await client.setVar(ups, body.variable!, body.value!);
    let result = 'OK';
    if (trackingId) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const state = await client.getTracking(trackingId);
        if (state !== 'PENDING' || Date.now() > deadline) {
          result = state;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return { status: 200, body: { result, trackingId } };
  } catch (error) {
    if (error instanceof NutError)
      return { status: error.code === 'ACCESS-DENIED' ? 403 : 400, body: { error: error.code } };
    if (error instanceof TransportError) return { status: 502, body: { error: error.message } };
    // The request encoders refuse control and 8-bit characters (a line break would smuggle in
    // a second request).
    if (error instanceof RangeError) return { status: 400, body: { error: error.message } };
    throw error;
  } finally {
    await client.close().catch(() => {});
  }
}
