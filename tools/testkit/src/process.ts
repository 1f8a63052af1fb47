import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A spawned program whose output is kept for failure reports. */
export interface SpawnedProcess {
  readonly child: ChildProcess;
  readonly name: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the output matches `pattern`; rejects if the process exits first or on timeout. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** Sends `signal` (default SIGTERM) and waits for exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | string>;
}

const running = new Set<SpawnedProcess>();

/** Spawns `command` and tracks it so {@link stopAll} can clean up in teardown. */
export function spawnProcess(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): SpawnedProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (data: Buffer) => {
    text += data.toString();
    if (text.length > 1_000_000) text = text.slice(-500_000);
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      text += `\n[spawn error] ${error.message}\n`;
      resolve('spawn-error');
    });
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  let done = false;
  void exited.then(() => {
    done = true;
    running.delete(proc);
    for (const listener of listeners) listener();
  });

  const proc: SpawnedProcess = {
    child,
    name,
    output: () => text,
    exited,
    waitForOutput(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(`${name}: no output matching ${pattern} within ${timeoutMs} ms\n${text}`),
          );
        }, timeoutMs);
        const check = () => {
          const match = text.match(pattern);
          if (match) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve(match);
          } else if (done) {
            clearTimeout(timer);
            listeners.delete(check);
            reject(new Error(`${name} exited before printing ${pattern}\n${text}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', graceMs = 3000) {
      if (done) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  running.add(proc);
  return proc;
}

/** Stops every process spawned through {@link spawnProcess} that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((proc) => proc.stop()));
}
