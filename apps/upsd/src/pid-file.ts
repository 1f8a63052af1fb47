import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeWholeFile } from '@nut-ts/core';

/** Where a daemon's PID file goes: $NUT_ALTPIDPATH, else the state path. */
export function pidFilePath(
  name: string,
  statePath: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return join(env.NUT_ALTPIDPATH || statePath, `${name}.pid`);
}

/** Writes our PID; on a full disk it throws and leaves no empty PID file behind. */
export function writePidFile(path: string): void {
  writeWholeFile(path, `${process.pid}\n`);
}

export function removePidFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Signals the process named in a PID file; throws a readable error when that fails. */
export function signalPidFile(path: string, signal: NodeJS.Signals): number {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
  } catch {
    throw new Error(`cannot read PID file ${path}: is the daemon running?`);
  }
  if (!Number.isInteger(pid) || pid <= 1)
    throw new Error(`PID file ${path} does not hold a valid PID`);
  try {
    process.kill(pid, signal);
  } catch (error) {
    throw new Error(`cannot signal PID ${pid} from ${path}: ${(error as Error).message}`);
  }
  return pid;
}
