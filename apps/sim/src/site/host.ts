import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.js';
import { upsmonConf, type HostSpec } from './site-files.js';
import type { Timeline } from './timeline.js';

/** Debian's NUT 2.8.0 upsmon, for hosts that run the real thing. */
export const NUT_UPSMON = '/lib/nut/upsmon';

/** How a host's program is started: which of our upsmon, and through what (a namespace). */
export interface HostLaunch {
  ourUpsmon: string;
  timeline: Timeline;
  extraArgs?: readonly string[];
  wrap: (
    host: string,
    command: string,
    args: readonly string[],
  ) => { command: string; args: string[] };
}

/** Content NUT writes into POWERDOWNFLAG. */
export const POWERDOWN_FLAG_CONTENT = 'upsmon-shutdown-file';

/** One simulated machine: its own config dir and state path, running our upsmon or NUT's. */
export class Host {
  readonly dir: string;
  readonly etc: string;
  readonly state: string;
  process: ManagedProcess | undefined;

  constructor(
    readonly spec: HostSpec,
    siteDir: string,
  ) {
    this.dir = join(siteDir, 'hosts', spec.name);
    this.etc = join(this.dir, 'etc');
    this.state = join(this.dir, 'state');
    mkdirSync(this.etc, { recursive: true });
    mkdirSync(this.state, { recursive: true });
    const conf = join(this.etc, 'upsmon.conf');
    writeFileSync(conf, upsmonConf(spec));
    chmodSync(conf, 0o600);
  }

  get name(): string {
    return this.spec.name;
  }

  start({ ourUpsmon, timeline, extraArgs = [], wrap }: HostLaunch): ManagedProcess {
    const env = { ...process.env, NUT_CONFPATH: this.etc, NUT_STATEPATH: this.state };
    const nut = this.spec.program === 'nut';
    // NUT 2.8.0 keeps one fixed PID file and refuses a second instance; `-P 1` gets past that.
    const { command, args } = nut
      ? wrap(this.name, NUT_UPSMON, ['-F', '-P', '1'])
      : wrap(this.name, ourUpsmon, ['-F', ...extraArgs]);
    const proc = new ManagedProcess(`upsmon ${this.name}`, command, args, {
      env,
      logFile: join(this.dir, 'upsmon.log'),
      // NUT's upsmon forks a monitoring child: stop them together.
      group: nut,
    });
    this.process = proc;
    timeline.add({
      at: Date.now(),
      kind: 'site',
      host: this.name,
      detail: `upsmon started (${this.spec.role}${nut ? ", Debian's NUT 2.8.0" : ''})`,
    });
    void proc.exited.then(({ code, signal, at }) => {
      timeline.add({
        at,
        kind: 'exit',
        host: this.name,
        detail: `upsmon exited (${signal ?? `code ${code}`})`,
      });
    });
    return proc;
  }

  /** Whether POWERDOWNFLAG exists with NUT's content. */
  wrotePowerDownFlag(): boolean {
    const file = this.spec.powerDownFlag;
    return existsSync(file) && readFileSync(file, 'utf8').trim() === POWERDOWN_FLAG_CONTENT;
  }
}
