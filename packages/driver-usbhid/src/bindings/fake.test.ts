import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@nut-ts/testkit';
import { fakeModelName, startFakeUps, type FakeUpsService } from './fake.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Sends lines on one connection and resolves with one answer per line. */
function ask(path: string, ...lines: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('error', reject);
    const answers: string[] = [];
    const input = createInterface({ input: socket });
    input.on('error', reject);
    input.on('line', (answer) => {
      answers.push(answer);
      if (answers.length === lines.length) {
        socket.end();
        resolve(answers);
      }
    });
    socket.write(lines.map((l) => `${l}\n`).join(''));
  });
}

async function service(model = 'apc'): Promise<FakeUpsService> {
  const dir = makeTempDir('nut-fake-');
  cleanups.push(() => dir.remove());
  const started = await startFakeUps(model, join(dir.path, 'ctl'), 20);
  cleanups.push(() => started.close());
  return started;
}

describe('port = fake:<model>: a fake UPS steered through a control socket', () => {
  it('names the model from the port, and refuses unknown models with the list', async () => {
    expect(fakeModelName('fake:cyberpower')).toBe('cyberpower');
    expect(fakeModelName('auto')).toBeUndefined();
    await expect(startFakeUps('nope', '/nonexistent/ctl')).rejects.toThrow(
      /no fake model 'nope': use one of apc, cyberpower, eaton/,
    );
  });

  it('answers each control line with the new state, the writes, or an error', async () => {
    const fake = await service();
    const [off, low, bad, writes] = await ask(
      fake.controlPath,
      'mains off',
      'charge 5',
      'charge lots',
      'written',
    );
    expect(JSON.parse(off!)).toMatchObject({ model: 'apc', mains: false, outputOn: true });
    expect(JSON.parse(low!)).toMatchObject({ charge: 5, lowBattery: true });
    expect(bad).toMatch(/^error: charge needs a number >= 0/);
    expect(JSON.parse(writes!)).toEqual([]);
    expect(fake.device.ups.mains).toBe(false);
  });

  it('runs the model on its own clock: a pending shutdown cuts the output', async () => {
    const fake = await service('eaton');
    fake.device.ups.shutdownDelay = 0.05;
    const [state] = await ask(fake.controlPath, 'status');
    expect(JSON.parse(state!).outputOn).toBe(true);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (!fake.device.ups.outputOn) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    expect(fake.device.ups.shutdownDelay).toBe(-1);
  });

  it('close() removes the socket even with a client still connected', async () => {
    const fake = await service();
    const socket = connect(fake.controlPath);
    await new Promise((resolve) => socket.once('connect', resolve));
    await fake.close();
    cleanups.pop();
    await expect(ask(fake.controlPath, 'status')).rejects.toThrow(/ENOENT/);
  });
});
