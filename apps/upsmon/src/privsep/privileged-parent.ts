import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { executeShutdown, type ShutdownDeps, type ShutdownSettings } from '../runtime/shutdown.js';
import { RequestReader } from './shutdown-request.js';

/** Set in the child's environment: the user it must drop to. Its presence makes it the child. */
export const CHILD_USER_ENV = 'NUT_UPSMON_CHILD_USER';
/** The child's end of the request channel. */
export const CHILD_CHANNEL_FD = 3;

export interface ParentOptions extends ShutdownDeps {
  /** Program and arguments that start this upsmon again (the child). */
  command: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The user the child drops to (RUN_AS_USER or -u). */
  user: string;
  /** The parent's own POWERDOWNFLAG and SHUTDOWNCMD, read as root; asked anew at each request. */
  settings: () => ShutdownSettings;
  dryRun?: boolean;
}

/**
 * NUT's privileged upsmon parent. It keeps root for one job only: when the monitoring child
 * sends the one well-formed request, it writes POWERDOWNFLAG and runs SHUTDOWNCMD, both taken
 * from its own configuration. It reads nothing else from the child, relays reload/fsd/stop
 * signals to it, and ends when the child ends: a child that dies takes upsmon down with it, but
 * never shuts the host down.
 */
export class PrivilegedParent {
  /** Resolves with upsmon's exit code once the child is gone and any shutdown has run. */
  readonly exited: Promise<number>;
  private readonly child: ChildProcess;
  private shutdownRun: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: ParentOptions) {
    const [program, ...args] = options.command;
    const env: NodeJS.ProcessEnv = { ...options.env, [CHILD_USER_ENV]: options.user };
    delete env.NOTIFY_SOCKET; // systemd hears from the main process only
    this.child = spawn(program!, args, { stdio: ['ignore', 'inherit', 'inherit', 'pipe'], env });
    const reader = new RequestReader();
    const channel = this.child.stdio[CHILD_CHANNEL_FD] as Readable;
    channel.on('data', (chunk: Buffer) => {
      for (const request of reader.push(chunk)) this.handle(request);
    });
    channel.on('error', () => {}); // the child's end closing is reported by 'exit'
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        options.logger.error({ err: error.message }, 'cannot start the monitoring child');
        resolve(1);
      });
      this.child.once('exit', (code, signal) => {
        void this.childExited(code, signal).then(resolve);
      });
    });
  }

  get childPid(): number | undefined {
    return this.child.pid;
  }

  /** SIGHUP, SIGUSR1, SIGTERM for upsmon go to the child, which does the work. */
  relay(signal: NodeJS.Signals): void {
    if (signal === 'SIGTERM') this.stopping = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  private handle(request: 'shutdown' | 'invalid'): void {
    const { logger } = this.options;
    if (request === 'invalid') {
      logger.error('ignored a malformed request from the monitoring child');
      return;
    }
    if (this.shutdownRun) return;
    logger.warn('the monitoring child asks for the shutdown');
    if (this.options.dryRun) {
      logger.warn({ dryRun: true }, 'would write POWERDOWNFLAG and run SHUTDOWNCMD');
      this.shutdownRun = Promise.resolve();
      return;
    }
    this.shutdownRun = executeShutdown(this.options.settings(), this.options);
  }

  private async childExited(code: number | null, signal: NodeJS.Signals | null): Promise<number> {
    const { logger } = this.options;
    if (this.shutdownRun) {
      await this.shutdownRun;
      return 0;
    }
    if (this.stopping && code === 0) return 0;
    logger.error(
      { code, signal },
      'the monitoring child died: upsmon stops (the host is not shut down)',
    );
    return 1;
  }
}
