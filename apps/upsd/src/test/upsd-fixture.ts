import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseUpsConf, parseUpsdConf, parseUpsdUsers } from '@nut-ts/config';
import { DriverSocketServer, StateStore } from '@nut-ts/driver-kit';
import { makeTempDir, waitFor } from '@nut-ts/testkit';
import { loadUpsdConfig } from '../cli.js';
import { createUpsd, type Upsd, type UpsdConfig, type UpsdDeps } from '../create-upsd.js';

export const USERS = `[admin]\npassword = adminpass\nactions = SET FSD\ninstcmds = ALL\n[mon]\npassword = monpass\nupsmon primary\n[sec]\npassword = secpass\nupsmon secondary\n`;

/** A driver made of the driver kit's real socket server and state store. */
export class FakeDriver {
  readonly store = new StateStore();
  readonly received: string[] = [];
  private server: DriverSocketServer | undefined;

  /** `more` adds an enum, an escaped value, a length-less string and a second command. */
  constructor(
    readonly path: string,
    more = false,
  ) {
    this.store.setInfo('ups.status', 'OL');
    this.store.setInfo('battery.charge', '100');
    this.store.setFlags('battery.charge', { rw: true });
    this.store.addRange('battery.charge', 0, 100);
    this.store.setInfo('ups.id', 'rack 1');
    this.store.setAux('ups.id', 8);
    this.store.setFlags('ups.id', { rw: true, string: true });
    this.store.addCmd('load.off');
    if (more) {
      this.store.setInfo('ups.mode', 'auto');
      this.store.setAux('ups.mode', 8);
      this.store.setFlags('ups.mode', { rw: true, string: true });
      this.store.addEnum('ups.mode', 'auto');
      this.store.addEnum('ups.mode', 'eco');
      this.store.setInfo('device.model', 'Py "quoted" \\ #1');
      // Writable string without a length: NUT refuses to SET it (SET-FAILED).
      this.store.setInfo('ups.label', 'x');
      this.store.setFlags('ups.label', { rw: true, string: true });
      this.store.addCmd('beeper.toggle');
    }
    this.store.setStale(false);
  }

  async start(): Promise<void> {
    this.server = new DriverSocketServer(this.path, this.store, {
      // A parameter `fail` makes the command fail, to see the driver's result through TRACKING.
      instcmd: async (name, param) => {
        this.received.push(`INSTCMD ${name}${param === undefined ? '' : ` ${param}`}`);
        return param === 'fail' ? 3 : 0;
      },
      setvar: async (name, value) => {
        this.received.push(`SET ${name} ${value}`);
        this.store.setInfo(name, value);
        return 0;
      },
    });
    await this.server.listen();
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }
}

export interface Fixture {
  upsd: Upsd;
  port: number;
  driver: FakeDriver;
  dir: string;
  config: (ups?: string) => UpsdConfig;
  close(): Promise<void>;
}

/**
 * Our upsd on port 0 with one UPS `ups` fed by a FakeDriver (or the UPSes of `upsConf`, of which
 * only `ups` has a driver), short timers for tests.
 */
export async function startFixture(
  options: { upsdConf?: string; upsConf?: string; moreData?: boolean; deps?: UpsdDeps } = {},
): Promise<Fixture> {
  const temp = makeTempDir('nut-upsd-');
  const defaultUps = options.upsConf ?? '[ups]\ndriver = fake\nport = none\ndesc = "Test UPS"\n';
  const config = (ups = defaultUps): UpsdConfig => ({
    upsd: {
      ...parseUpsdConf(`MAXAGE 2\n${options.upsdConf ?? ''}`),
      listen: [{ address: '127.0.0.1', port: 0 }],
    },
    ups: parseUpsConf(ups),
    users: parseUpsdUsers(USERS),
    statePath: temp.path,
  });
  const driver = new FakeDriver(join(temp.path, 'fake-ups'), options.moreData);
  await driver.start();
  const upsd = createUpsd(config(), { driverRetryMs: 100, ...options.deps });
  const [address] = await upsd.listen();
  return {
    upsd,
    port: address!.port,
    driver,
    dir: temp.path,
    config,
    async close() {
      await upsd.close();
      await driver.stop();
      temp.remove();
    },
  };
}

/** A self-signed certificate and key in one PEM file, as upsd.conf CERTFILE wants. */
export function makeCertificate(dir: string): { pemFile: string; certFile: string } {
  const key = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const pemFile = join(dir, 'upsd.pem');
  execFileSync('sh', ['-c', `cat "${certFile}" "${key}" > "${pemFile}"`]);
  return { pemFile, certFile };
}

/**
 * Our upsd on port 0, reading the same configuration and driver sockets as a real-NUT site
 * (for side-by-side and interop tests); resolves once it serves `ups` with real data.
 */
export async function startOurUpsdOn(
  site: { env: NodeJS.ProcessEnv },
  ups = 'dummy',
): Promise<{ upsd: Upsd; port: number }> {
  const config = loadUpsdConfig(site.env, () => {});
  const upsd = createUpsd(
    { ...config, upsd: { ...config.upsd, listen: [{ address: '127.0.0.1', port: 0 }] } },
    { driverRetryMs: 200 },
  );
  const port = (await upsd.listen())[0]!.port;
  const { NutClient } = await import('@nut-ts/client');
  const client = new NutClient({ host: '127.0.0.1', port, reconnect: false });
  try {
    await client.connect();
    await waitFor(
      async () => !['WAIT', ''].includes(await client.getVar(ups, 'ups.status').catch(() => '')),
      { what: 'our upsd serving the site' },
    );
  } finally {
    await client.close();
  }
  return { upsd, port };
}
