import { spawn } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/** What NUT's upsmon writes into POWERDOWNFLAG, and what `upsmon -K` looks for. */
export const POWERDOWN_FLAG_CONTENT = 'upsmon-shutdown-file';

export function writePowerDownFlag(path: string): void {
  writeFileSync(path, `${POWERDOWN_FLAG_CONTENT}\n`, { mode: 0o644 });
}

/** `upsmon -K`: whether the flag exists with the right content. */
export function powerDownFlagSet(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').trim() === POWERDOWN_FLAG_CONTENT;
  } catch {
    return false;
  }
}

/** NUT removes a stale flag at startup, so an old one cannot kill the UPS on the next halt. */
export function clearPowerDownFlag(path: string): void {
  try {
    if (powerDownFlagSet(path)) unlinkSync(path);
  } catch {
    // nothing to clear
  }
}

/** Runs SHUTDOWNCMD through the shell and resolves with its exit code and output. */
export function runShellCommand(command: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => resolve({ code: 127, output: error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
