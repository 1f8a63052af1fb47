import type { NutClient } from '@nut-ts/client';
import type { ToolIo } from './io.js';

/** Sends USERNAME/PASSWORD, prompting for missing ones only when a terminal is attached. */
export async function authenticate(
  client: NutClient,
  io: ToolIo,
  given: { username?: string | undefined; password?: string | undefined },
): Promise<string | undefined> {
  let { username, password } = given;
  if (username === undefined && io.prompt) username = await io.prompt('Username: ', false);
  if (username === undefined) return 'Error: a username is needed (-u <username>)';
  if (password === undefined && io.prompt) password = await io.prompt('Password: ', true);
  if (password === undefined) return 'Error: a password is needed (-p <password>)';
  await client.username(username);
  await client.password(password);
  return undefined;
}

/** Waits for a tracked command's result, as `-w` does (NUT's default timeout 10 s). */
export async function waitForResult(
  client: NutClient,
  id: string,
  timeoutSeconds: number,
): Promise<string> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const result = await client.getTracking(id);
    if (result !== 'PENDING') return result === 'SUCCESS' ? 'OK' : `ERR ${result}`;
    if (Date.now() > deadline) return 'Error: timed out waiting for the result';
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
