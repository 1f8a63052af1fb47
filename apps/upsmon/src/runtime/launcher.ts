import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '@nut-ts/core';

/** Quotes `text` as one word for /bin/sh: nothing in it is expanded. */
export function shellQuote(text: string): string {
  return `'${text.replace(/\0/g, '').replace(/'/g, `'\\''`)}'`;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The line that makes the helper start `argv` in the background with `env` added. `jobs` then
 * reaps the programs that have ended: a non-interactive shell reaps background jobs only when
 * it waits for something, so without it every program would stay a zombie.
 */
export function launchLine(argv: readonly string[], env: Readonly<Record<string, string>>): string {
  const assignments = Object.entries(env).map(([name, value]) => {
    if (!ENV_NAME.test(name)) throw new Error(`not an environment variable name: ${name}`);
    return `${name}=${shellQuote(value)} `;
  });
  const command = `${assignments.join('')}${argv.map(shellQuote).join(' ')}`;
  return `${command} </dev/null >/dev/null 2>&1 & jobs >/dev/null\n`;
}

/**
 * Starts notification programs (NOTIFYCMD, wall) without waiting for them, and without making
 * upsmon wait for process creation either. Node's spawn() blocks the event loop until the new
 * program has started, and copying a Node.js process costs several milliseconds of CPU; on a
 * host busy shutting down that can hold upsmon's decisions back by hundreds of milliseconds.
 * So a small `/bin/sh` helper, started after upsmon's first poll (or on first use), reads one
 * line per program from a pipe and starts each in the background, in order, reaping them. A
 * helper that has exited is replaced; where none can start, each program is spawned directly. A
 * line the helper had not read yet when it was killed is lost with it.
 */
export class CommandLauncher {
  private helper: ChildProcess | undefined;
  /** The helper cannot be started on this host: spawn directly from now on. */
  private unavailable = false;
  private closed = false;
  private reapTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly shell = '/bin/sh',
    /** After the last program, when to reap those that ended since (ms). */
    private readonly reapAfterMs = 5000,
  ) {}

  launch(what: string, argv: readonly string[], env: Readonly<Record<string, string>>): void {
    const helper = this.closed ? undefined : this.running();
    if (helper?.stdin?.writable) {
      helper.stdin.write(launchLine(argv, env));
      this.reapLater(helper);
      return;
    }
    const child = spawn(argv[0]!, argv.slice(1), {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    child.on('error', (error) =>
      this.logger.debug({ err: error.message }, `${what} could not run`),
    );
  }

  /** Makes sure the helper runs (starting it if needed): the next notification need not wait. */
  prepare(): void {
    if (!this.closed) this.running();
  }

  /** Lets the helper finish what it was given and exit; programs it started run on. */
  close(): void {
    this.closed = true;
    clearTimeout(this.reapTimer);
    this.reapTimer = undefined;
    this.helper?.stdin?.end();
    this.helper = undefined;
  }

  private running(): ChildProcess | undefined {
    if (this.helper || this.unavailable) return this.helper;
    // Its own session: a Ctrl-C meant for upsmon in a terminal does not kill it first. It ends
    // when upsmon closes the pipe, or dies.
    const helper = spawn(this.shell, ['-s'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    });
    helper.on('error', (error) => {
      this.logger.warn(
        { err: error.message },
        `cannot start ${this.shell} to run notification programs; starting each directly`,
      );
      this.forget(helper);
    });
    if (helper.pid === undefined) {
      // It did not start (the 'error' event says why): no line may go to it.
      this.unavailable = true;
      return undefined;
    }
    helper.on('exit', (code, signal) => {
      if (this.helper === helper) {
        this.logger.warn(
          { code, signal },
          'the helper that starts notification programs exited; starting a new one',
        );
      }
      this.forget(helper);
    });
    // A write after the helper died fails with EPIPE; the 'exit' handler deals with it.
    helper.stdin?.on('error', () => undefined);
    // Only the reaping `jobs` writes here: jobs were left, so look again later.
    helper.stdout?.on('data', () => this.reapLater(helper));
    // The helper never keeps upsmon running.
    helper.unref();
    for (const pipe of [helper.stdin, helper.stdout])
      (pipe as { unref?: () => void } | null)?.unref?.();
    this.helper = helper;
    return helper;
  }

  /**
   * Programs that end after the last line's `jobs` are reaped later: `jobs` on its own lists
   * (and so reaps) what is left, and as long as it lists anything, it runs again.
   */
  private reapLater(helper: ChildProcess): void {
    if (this.reapTimer) return;
    this.reapTimer = setTimeout(() => {
      this.reapTimer = undefined;
      if (helper.stdin?.writable) helper.stdin.write('jobs\n');
    }, this.reapAfterMs);
    this.reapTimer.unref();
  }

  private forget(helper: ChildProcess): void {
    if (this.helper === helper) this.helper = undefined;
  }
}
