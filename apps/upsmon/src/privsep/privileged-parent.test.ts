import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, waitFor } from '@nut-ts/testkit';
import { RecordingLogger } from '../runtime/site.test-helper.js';
import { PrivilegedParent } from './privileged-parent.js';

/**
 * The parent against stand-in children: small Node scripts that write to the channel (fd 3)
 * what a healthy, a broken or a compromised monitor might.
 */
const temps: Array<{ remove(): void }> = [];
const parents: PrivilegedParent[] = [];
afterEach(async () => {
  for (const parent of parents.splice(0)) {
    parent.relay('SIGKILL');
    await parent.exited;
  }
  for (const temp of temps.splice(0)) temp.remove();
});

const WRITE = (text: string) => `require('fs').writeSync(3, ${JSON.stringify(text)});`;
const WAIT_FOR_TERM = `process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000);`;

function startParent(script: string, shutdownCmd = 'from-the-parent-config') {
  const temp = makeTempDir('nut-privsep-');
  temps.push(temp);
  const flag = join(temp.path, 'killpower');
  const logger = new RecordingLogger();
  const ran: string[] = [];
  const parent = new PrivilegedParent({
    command: [process.execPath, '-e', script],
    env: process.env,
    user: 'nobody',
    settings: () => ({ powerDownFlag: flag, shutdownCmd }),
    logger,
    runCommand: async (command) => {
      ran.push(command);
      return { code: 0, output: '' };
    },
  });
  parents.push(parent);
  return { parent, logger, ran, flag };
}

describe('the privileged upsmon parent', () => {
  it('on the one well-formed request, writes POWERDOWNFLAG and runs its own SHUTDOWNCMD once', async () => {
    const { parent, logger, ran, flag } = startParent(
      WRITE('SHUTDOWN\nSHUTDOWN\n') + 'process.exit(0);',
    );
    expect(await parent.exited).toBe(0);
    expect(ran).toEqual(['from-the-parent-config']);
    expect(readFileSync(flag, 'utf8')).toBe('upsmon-shutdown-file\n');
    expect(logger.count('ignored a malformed request from the monitoring child')).toBe(0);
  });

  it('acts on nothing else: commands, junk and floods are ignored, and the child cannot pick the command', async () => {
    const junk = ['SHUTDOWN /bin/evil\n', 'RUN rm -rf /\n', 'shutdown\n', '\xff\x00\n'];
    const { parent, logger, ran, flag } = startParent(
      junk.map(WRITE).join('') + WRITE('X'.repeat(100_000)) + 'process.exit(0);',
    );
    expect(await parent.exited).toBe(1);
    expect(ran).toEqual([]);
    expect(() => readFileSync(flag)).toThrow();
    expect(logger.count('ignored a malformed request from the monitoring child')).toBe(5);
    expect(
      logger.count('the monitoring child died: upsmon stops (the host is not shut down)'),
    ).toBe(1);
  });

  it('a child that dies takes the parent with it, without a shutdown', async () => {
    const { parent, ran } = startParent(WRITE('SHUT') + 'process.kill(process.pid, "SIGKILL");');
    expect(await parent.exited).toBe(1);
    expect(ran).toEqual([]);
  });

  it('relays stop to the child and ends cleanly with it', async () => {
    const { parent, logger, ran } = startParent(WRITE('READY\n') + WAIT_FOR_TERM);
    await waitFor(() => logger.count('ignored a malformed request from the monitoring child'), {
      what: 'the child to be up',
    });
    parent.relay('SIGTERM');
    expect(await parent.exited).toBe(0);
    expect(ran).toEqual([]);
  });

  it('a request followed at once by the child exiting still shuts down, then ends', async () => {
    const { parent, ran } = startParent(WRITE('SHUTDOWN\n') + 'process.exit(0);', 'the command');
    expect(await parent.exited).toBe(0);
    expect(ran).toEqual(['the command']);
  });
});
