import { waitFor } from '@nut-ts/testkit';
import { RawSession } from './raw-session.js';
import { startFixture, type Fixture } from './upsd-fixture.js';

/** UPS `ups` is served by the fixture's driver; `ghost` has no driver at all. */
export const WITH_GHOST = `[ups]
driver = fake
port = none
desc = "Test UPS"
[ghost]
driver = fake
port = none
`;

/**
 * Sends each line on one connection, in order, and returns the replies (a whole LIST block
 * counts as one reply); for comparing with a transcript.
 */
export async function replay(port: number, lines: readonly string[]): Promise<string[]> {
  const session = await RawSession.open(port);
  try {
    const replies: string[] = [];
    for (const line of lines) replies.push(await session.send(`${line}\n`));
    return replies;
  } finally {
    session.close();
  }
}

/** `USERNAME` and `PASSWORD` lines for a fixture user (see USERS in upsd-fixture.ts). */
export function as(user: string, password: string): string[] {
  return [`USERNAME ${user}`, `PASSWORD ${password}`];
}

/** startFixture with the driver's extra data, resolved once upsd serves `ups`. */
export async function startReady(
  options: Parameters<typeof startFixture>[0] = {},
): Promise<Fixture> {
  const fixture = await startFixture({ moreData: true, ...options });
  try {
    await waitFor(
      async () =>
        (await replay(fixture.port, ['GET VAR ups ups.status']))[0] === 'VAR ups ups.status "OL"\n',
      { what: 'driver data in upsd' },
    );
  } catch (error) {
    await fixture.close();
    throw error;
  }
  return fixture;
}
