import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

/** A child program of the site, with its output written to a log file and kept for reports. */
export class ManagedProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves once all output is in the log file and the file is closed. */
  readonly logClosed: Promise<unknown>;
  private text = '';
  private readonly log: WriteStream;
  private done = false;
  /** Every writer of the output pipes is gone: no more output can come. */
  private closed = false;
  private readonly group: boolean;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    command: string,
    args: readonly string[],
    options: {
      env: NodeJS.ProcessEnv;
      cwd?: string;
      logFile: string;
      stdin?: boolean;
      /** Run in its own process group and signal the whole group (for forking programs). */
      group?: boolean;
    },
  ) {
    this.group = options.group ?? false;
    this.log = createWriteStream(options.logFile, { flags: 'a' });
    this.logClosed = new Promise((resolve) => this.log.once('close', () => resolve(undefined)));
    this.child = spawn(command, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      detached: options.group ?? false,
    });
    this.log.on('error', (error) => {
      this.text += `\n[cannot write the log file ${options.logFile}: ${error.message}]\n`;
    });
    const onData = (data: Buffer) => {
      if (!this.log.writableEnded) this.log.write(data);
      this.text += data.toString();
      if (this.text.length > 200_000) this.text = this.text.slice(-100_000);
      for (const waiter of this.waiters) waiter();
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.text += `\n[could not start ${command}: ${error.message}]\n`;
        this.done = true;
        this.closed = true;
        resolve({ code: null, signal: null, at: Date.now() });
      });
      this.child.once('exit', (code, signal) => {
        this.done = true;
        for (const waiter of this.waiters) waiter();
        resolve({ code, signal, at: Date.now() });
      });
    });
    // Not at exit: a child it forked (NUT's upsmon does) may still write to the same pipes.
    // 'close' comes once every holder of them is gone.
    this.child.once('close', () => {
      this.closed = true;
      this.log.end();
      for (const waiter of this.waiters) waiter();
    });
  }

  get running(): boolean {
    return !this.done;
  }

  output(): string {
    return this.text;
  }

  /**
   * Resolves when the output matches; rejects when the output ends first (the program and any
   * child it forked are gone) or time runs out.
   */
  waitForOutput(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `${this.name}: nothing matching ${pattern} within ${timeoutMs} ms\n${this.text}`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (pattern.test(this.text)) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        } else if (this.closed) {
          clearTimeout(timer);
          this.waiters.delete(check);
          reject(new Error(`${this.name} exited before printing ${pattern}\n${this.text}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Sends `signal` to the program (to its whole process group when it has one). */
  kill(signal: NodeJS.Signals): void {
    if (this.group && this.child.pid) {
      try {
        process.kill(-this.child.pid, signal);
        return;
      } catch {
        // Nobody is left in the group.
      }
    }
    if (!this.done) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.done) {
      // A forking program's children may outlive it.
      if (this.group) this.kill('SIGKILL');
      return;
    }
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
