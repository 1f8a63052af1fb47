import { join } from 'node:path';
import type { Logger } from '@nut-ts/core';
import { parseUpsConf, parseUpsdConf, parseUpsdUsers, parseUpsmonConf } from '@nut-ts/config';
import type { UpsmonConf } from '@nut-ts/config';
import { DriverSocketServer, StateStore } from '@nut-ts/driver-kit';
import { makeTempDir } from '@nut-ts/testkit';
import { createUpsd, type Upsd } from '@nut-ts/upsd';

const USERS = `[mon]\npassword = monpass\nupsmon primary\n[sec]\npassword = secpass\nupsmon secondary\n[admin]\npassword = adminpass\nactions = SET FSD\n`;

/** Our upsd (port 0) serving UPS `ups` from a driver-kit socket whose status the test sets. */
export interface TestSite {
  port: number;
  store: StateStore;
  upsd: Upsd;
  /** Closes upsd and starts a fresh one on the same port (FSD and logins forgotten). */
  restartUpsd(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestSite(): Promise<TestSite> {
  const temp = makeTempDir('nut-upsmon-site-');
  const store = new StateStore();
  store.setInfo('ups.status', 'OL');
  store.setInfo('battery.charge', '100');
  store.setStale(false);
  const driver = new DriverSocketServer(join(temp.path, 'fake-ups'), store, {
    instcmd: async () => 0,
    setvar: async () => 0,
  });
  await driver.listen();
  const config = (port: number) => ({
    upsd: { ...parseUpsdConf('MAXAGE 15'), listen: [{ address: '127.0.0.1', port }] },
    ups: parseUpsConf('[ups]\ndriver = fake\nport = none\n'),
    users: parseUpsdUsers(USERS),
    statePath: temp.path,
  });
  let upsd = createUpsd(config(0), { driverRetryMs: 50 });
  const port = (await upsd.listen())[0]!.port;
  const site: TestSite = {
    port,
    store,
    upsd,
    async restartUpsd() {
      await upsd.close();
      upsd = createUpsd(config(port), { driverRetryMs: 50 });
      site.upsd = upsd;
      await upsd.listen();
    },
    async close() {
      await upsd.close();
      await driver.close();
      temp.remove();
    },
  };
  return site;
}

/**
 * upsmon.conf for one host of the test site, with sub-second timers (seconds may be fractions
 * here; the file format only takes whole seconds).
 */
export function hostConf(
  port: number,
  role: 'primary' | 'secondary',
  overrides: Partial<UpsmonConf> = {},
  extraLines: string[] = [],
): UpsmonConf {
  const user = role === 'primary' ? 'mon monpass' : 'sec secpass';
  return {
    ...parseUpsmonConf(
      [`MONITOR ups@127.0.0.1:${port} 1 ${user} ${role}`, 'SHUTDOWNCMD "true"', ...extraLines].join(
        '\n',
      ),
      'upsmon.conf',
    ),
    pollFreq: 0.1,
    pollFreqAlert: 0.1,
    hostSync: 3,
    deadTime: 1,
    finalDelay: 0.1,
    ...overrides,
  };
}

/** A Logger that keeps every entry, for checking what upsmon logged and notified. */
export class RecordingLogger implements Logger {
  readonly entries: Array<{ level: string; msg: string; obj: Record<string, unknown> }>;

  constructor(
    entries: RecordingLogger['entries'] = [],
    private readonly bindings: Record<string, unknown> = {},
  ) {
    this.entries = entries;
  }

  private record(level: string) {
    return (first: unknown, second?: unknown) => {
      const obj = typeof first === 'object' && first ? (first as Record<string, unknown>) : {};
      const msg = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
      this.entries.push({ level, msg, obj: { ...this.bindings, ...obj } });
    };
  }

  fatal = this.record('fatal');
  error = this.record('error');
  warn = this.record('warn');
  info = this.record('info');
  debug = this.record('debug');
  trace = this.record('trace');

  child(bindings: Record<string, unknown>): Logger {
    return new RecordingLogger(this.entries, { ...this.bindings, ...bindings });
  }

  /** NOTIFY types delivered through SYSLOG, in order. */
  get notifications(): string[] {
    return this.entries.flatMap((e) => (typeof e.obj.notify === 'string' ? [e.obj.notify] : []));
  }

  count(msg: string): number {
    return this.entries.filter((e) => e.msg === msg).length;
  }
}
