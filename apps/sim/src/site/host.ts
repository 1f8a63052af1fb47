import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.js';
import { upsmonConf, type HostSpec } from './site-files.js';
import type { Timeline } from './timeline.js';

/** Content NUT writes into POWERDOWNFLAG. */
export const POWERDOWN_FLAG_CONTENT = 'upsmon-shutdown-file';

/** One simulated machine: its own config dir and state path, running our upsmon. */
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

  start(upsmonBin: string, timeline: Timeline, extraArgs: string[] = []): ManagedProcess {
    const env = { ...process.env, NUT_CONFPATH: this.etc, NUT_STATEPATH: this.state };
    const proc = new ManagedProcess(`upsmon ${this.name}`, upsmonBin, ['-F', ...extraArgs], {
      env,
      logFile: join(this.dir, 'upsmon.log'),
    });
    this.process = proc;
    timeline.add({
      at: Date.now(),
      kind: 'site',
      host: this.name,
      detail: `upsmon started (${this.spec.role})`,
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
