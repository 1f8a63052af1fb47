import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DEFAULT_DEV,
  describeInterop,
  spawnProcess,
  startNutSite,
  waitFor,
  type NutSite,
  type SpawnedProcess,
} from '@nut-ts/testkit';

const DUMMY_UPS = fileURLToPath(new URL('../bin/dummy-ups.mjs', import.meta.url));

describeInterop("Debian's upsd 2.8.0 reads our dummy-ups", () => {
  let site: NutSite;
  let driver: SpawnedProcess;
  const startOurDriver = async () => {
    driver = spawnProcess('our dummy-ups', process.execPath, [DUMMY_UPS, '-a', 'dummy', '-F'], {
      env: site.env,
    });
    await driver.waitForOutput(/driver socket ready/);
  };

  beforeAll(async () => {
    site = await startNutSite({ startDrivers: false, startUpsd: false });
    await startOurDriver();
    await site.startUpsd();
  }, 30_000);
  afterAll(async () => {
    await driver?.stop();
    await site?.stop();
  });

  it("shows exactly the .dev file's values through Debian's upsc", async () => {
    await site.waitForStatus();
    const { stdout } = await site.client('upsc', [`dummy@127.0.0.1:${site.port}`]);
    const served = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((line) => line.split(': ') as [string, string]),
    );
    for (const line of DEFAULT_DEV.trim().split('\n')) {
      const [name, value] = line.split(': ') as [string, string];
      expect(served[name], name).toBe(value);
    }
    expect(served['driver.name']).toBe('dummy-ups');
  });

  it('passes a SET through Debian upsd to our driver and back', async () => {
    const { code } = await site.client('upsrw', [
      '-s',
      'ups.load=61',
      '-u',
      'admin',
      '-p',
      'adminpass',
      `dummy@127.0.0.1:${site.port}`,
    ]);
    expect(code).toBe(0);
    await waitFor(
      async () =>
        (await site.client('upsc', [`dummy@127.0.0.1:${site.port}`, 'ups.load'])).stdout.trim() ===
        '61',
      {
        what: 'ups.load 61',
      },
    );
  });

  it('survives our driver being killed and restarted', async () => {
    await driver.stop('SIGKILL');
    await waitFor(
      async () =>
        /Driver not connected|Data stale/.test(
          (await site.client('upsc', [`dummy@127.0.0.1:${site.port}`, 'ups.status'])).stderr,
        ),
      {
        what: 'upsd to notice the driver is gone',
        timeoutMs: 20_000,
      },
    );
    await startOurDriver();
    expect(await site.waitForStatus('dummy', 20_000)).toBe('OL');
  }, 45_000);
});

describeInterop("our dummy-ups answers DUMPALL like Debian's for the same .dev file", () => {
  it('sends the same lines, apart from the driver.* variables that describe the driver itself', async () => {
    const site = await startNutSite({ startUpsd: false });
    const conf = `${site.confPath}/ups.conf`;
    writeFileSync(
      conf,
      `${readFileSync(conf, 'utf8')}\n[other]\n  driver = dummy-ups\n  port = dummy.dev\n`,
    );
    const ours = spawnProcess('our dummy-ups', process.execPath, [DUMMY_UPS, '-a', 'other', '-F'], {
      env: site.env,
    });
    try {
      await ours.waitForOutput(/driver socket ready/);
      const dump = async (socket: string) => {
        const text = await dumpAll(`${site.statePath}/${socket}`);
        return text
          .split('\n')
          .filter((line) => line && !/^(SETINFO|SETFLAGS|SETAUX) driver\./.test(line));
      };
      const theirs = await dump('dummy-ups-dummy');
      expect(theirs.length).toBeGreaterThan(20);
      expect(await dump('dummy-ups-other')).toEqual(theirs);
    } finally {
      await ours.stop();
      await site.stop();
    }
  }, 30_000);
});

/** DUMPALL on a driver socket, up to DUMPDONE. */
function dumpAll(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no DUMPDONE from ${path}: ${text}`));
    }, 10_000);
    socket.on('connect', () => socket.write('DUMPALL\n'));
    socket.on('data', (data) => {
      text += data.toString('latin1');
      if (text.includes('DUMPDONE\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
  });
}
