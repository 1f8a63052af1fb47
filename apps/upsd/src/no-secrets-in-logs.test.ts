import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, makeTempDir, spawnProcess, stopAll, waitFor } from '@nut-ts/testkit';
import { loadUpsdConfig } from './cli.js';
import { as, replay, startReady } from './test/transcript.js';
import { FakeDriver, USERS, type Fixture } from './test/upsd-fixture.js';

// Spawns the built bin: run `npx tsc -b apps/upsd` first (the root `npm test` builds).
const UPSD = fileURLToPath(new URL('../bin/upsd.mjs', import.meta.url));

/** Passwords of the fixture's users (USERS), and wrong ones clients try. */
const GOOD = ['adminpass', 'monpass', 'secpass'];
const WRONG = ['Wr0ng-guess-17', 'second-try-pw', 'h4sh#1nside', 'tw0-part vQ9-part'];
const SECRETS = [...GOOD, ...WRONG.flatMap((w) => w.split(/[#\s]/))];

let fixture: Fixture | undefined;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  await stopAll();
  await fixture?.close();
  fixture = undefined;
  for (const step of cleanup.splice(0).reverse()) await step();
});

/**
 * Good and bad logins, SET, INSTCMD, FSD, LOGIN, tracking and enough wrong passwords to be
 * throttled, each checked against the reply NUT gives, so every logging path runs.
 */
async function exercise(port: number): Promise<void> {
  expect(
    await replay(port, [
      ...as('admin', 'adminpass'),
      'SET VAR ups ups.id "rack 2"',
      'INSTCMD ups load.off',
      'SET TRACKING ON',
      'INSTCMD ups load.off',
      'FSD ups',
    ]),
  ).toEqual([
    'OK\n',
    'OK\n',
    'OK\n',
    'OK\n',
    'OK\n',
    expect.stringMatching(/^OK TRACKING \S+\n$/),
    'OK FSD-SET\n',
  ]);
  expect(await replay(port, [...as('mon', 'monpass'), 'LOGIN ups', 'PRIMARY ups'])).toEqual([
    'OK\n',
    'OK\n',
    'OK\n',
    'OK PRIMARY-GRANTED\n',
  ]);
  // PASSWORD first, then a second one, then a right the user lacks.
  expect(
    await replay(port, [
      'PASSWORD secpass',
      `PASSWORD ${WRONG[1]}`,
      'USERNAME sec',
      'LOGIN ups',
      'FSD ups',
    ]),
  ).toEqual(['OK\n', 'ERR ALREADY-SET-PASSWORD\n', 'OK\n', 'OK\n', 'ERR ACCESS-DENIED\n']);
  // A line the tokenizer rejects (# inside quotes), and a password of two words.
  expect(
    await replay(port, [`PASSWORD "${WRONG[2]}"\nVER`, `PASSWORD ${WRONG[3]}`, 'USERNAME x']),
  ).toEqual([expect.stringContaining('upsd'), 'ERR INVALID-ARGUMENT\n', 'OK\n']);
  // Wrong passwords until the pair is throttled (10 within a minute).
  for (let i = 0; i < 12; i++) {
    const [reply] = (
      await replay(port, [...as('admin', WRONG[0]!), 'INSTCMD ups load.off', 'LOGIN ups'])
    ).slice(2);
    expect(reply).toBe('ERR ACCESS-DENIED\n');
  }
}

function expectNoSecrets(logs: string): void {
  for (const secret of SECRETS) expect(logs, `a log line holds '${secret}'`).not.toContain(secret);
}

describe('passwords never reach the logs', () => {
  it('in-process upsd logging everything (trace) through pino', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    fixture = await startReady({ deps: { logger } });
    await exercise(fixture.port);
    await waitFor(() => fixture!.driver.received.length >= 3, {
      what: 'the driver got SET/INSTCMD',
    });
    await fixture.close();
    fixture = undefined;
    const logs = lines.join('');
    // The log saw each step, so a leak would have been caught.
    for (const message of ['client logged in', 'set variable', 'instant command', 'FSD'])
      expect(logs).toContain(message);
    expect(logs).toContain('"user":"admin"');
    expectNoSecrets(logs);
  });

  it('the upsd bin with -DD, whose log also warns that upsd.users is readable', async () => {
    const temp = makeTempDir('nut-upsd-secrets-');
    cleanup.push(() => temp.remove());
    const port = await freePort();
    const write = (file: string, text: string, mode = 0o600) => {
      writeFileSync(join(temp.path, file), text);
      chmodSync(join(temp.path, file), mode);
    };
    write('upsd.conf', `LISTEN 127.0.0.1 ${port}\n`);
    write('ups.conf', '[ups]\n  driver = fake\n  port = none\n');
    write('upsd.users', USERS, 0o644);
    const driver = new FakeDriver(join(temp.path, 'fake-ups'));
    await driver.start();
    cleanup.push(() => driver.stop());
    const env = { ...process.env, NUT_CONFPATH: temp.path, NUT_STATEPATH: temp.path };
    const upsd = spawnProcess('upsd', process.execPath, [UPSD, '-F', '-DD'], { env });
    await upsd.waitForOutput(/upsd started/);
    await waitFor(
      async () =>
        (await replay(port, ['GET VAR ups ups.status']))[0] === 'VAR ups ups.status "OL"\n',
      { what: 'driver data in upsd' },
    );
    await exercise(port);
    await waitFor(() => driver.received.length >= 3, { what: 'the driver got SET/INSTCMD' });
    expect(await upsd.stop()).toBe(0);
    const logs = upsd.output();
    expect(logs).toContain('is readable by every user: it holds passwords (chmod 640)');
    expect(logs).toContain('set variable');
    expectNoSecrets(logs);
  });
});

describe('upsd warns when upsd.users is readable by every user', () => {
  function confDir(usersMode: number): NodeJS.ProcessEnv {
    const temp = makeTempDir('nut-upsd-users-');
    cleanup.push(() => temp.remove());
    writeFileSync(join(temp.path, 'upsd.conf'), 'MAXAGE 15\n');
    writeFileSync(join(temp.path, 'ups.conf'), '[ups]\n  driver = fake\n  port = none\n');
    writeFileSync(join(temp.path, 'upsd.users'), USERS);
    chmodSync(join(temp.path, 'upsd.users'), usersMode);
    return { NUT_CONFPATH: temp.path, NUT_STATEPATH: temp.path };
  }

  it('for mode 644, naming the file, and not for 640 or 600', () => {
    for (const [mode, warned] of [
      [0o644, true],
      [0o604, true],
      [0o640, false],
      [0o600, false],
    ] as const) {
      const env = confDir(mode);
      const warnings: string[] = [];
      loadUpsdConfig(env, (d) => warnings.push(`${d.file}:${d.line}: ${d.message}`));
      const expected = `${env.NUT_CONFPATH}/upsd.users:0: is readable by every user: it holds passwords (chmod 640)`;
      expect({ mode: mode.toString(8), warned: warnings.includes(expected) }).toEqual({
        mode: mode.toString(8),
        warned,
      });
      expectNoSecrets(warnings.join('\n'));
    }
  });
});
