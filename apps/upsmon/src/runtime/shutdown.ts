import { spawn } from 'node:child_process';
import { unlinkSync } from 'node:fs';
import type { Logger } from '@nut-ts/core';
import { readHead, writeWholeFile } from '@nut-ts/core';

/** What NUT's upsmon writes into POWERDOWNFLAG, and what `upsmon -K` looks for. */
export const POWERDOWN_FLAG_CONTENT = 'upsmon-shutdown-file';

export function writePowerDownFlag(path: string): void {
  writeWholeFile(path, `${POWERDOWN_FLAG_CONTENT}\n`, 0o644);
}

/** `upsmon -K`: whether the flag exists with the right content. */
export function powerDownFlagSet(path: string): boolean {
  try {
    return readHead(path).trim() === POWERDOWN_FLAG_CONTENT;
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

/** What the shutdown needs from upsmon.conf. */
export interface ShutdownSettings {
  powerDownFlag?: string | undefined;
  shutdownCmd?: string | undefined;
}

export interface ShutdownDeps {
  logger: Logger;
  flushLogs?: (() => void) | undefined;
  runCommand?: ((command: string) => Promise<{ code: number; output: string }>) | undefined;
}

/**
 * Writes POWERDOWNFLAG, then runs SHUTDOWNCMD. A flag that cannot be written (full disk,
 * read-only root) is logged loudly but never stops the shutdown: a host that halts without
 * the flag leaves the UPS on, while one that does not halt at all loses its data.
 */
export async function executeShutdown(
  settings: ShutdownSettings,
  deps: ShutdownDeps,
): Promise<void> {
  const { logger } = deps;
  const flag = settings.powerDownFlag;
  const command = settings.shutdownCmd;
  if (flag) {
    try {
      writePowerDownFlag(flag);
    } catch (error) {
      logger.error(
        { file: flag, err: (error as Error).message },
        `cannot write POWERDOWNFLAG ${flag}: ${(error as Error).message}; shutting down anyway, but the late shutdown script will not find the flag and the UPS will not be told to cut power`,
      );
    }
  }
  logger.warn({ command }, 'executing SHUTDOWNCMD');
  deps.flushLogs?.();
  if (command) {
    const result = await (deps.runCommand ?? runShellCommand)(command);
    logger.warn({ code: result.code, output: result.output.trim() }, 'SHUTDOWNCMD finished');
  } else {
    logger.error('no SHUTDOWNCMD configured: this host cannot shut itself down');
  }
  deps.flushLogs?.();
}
