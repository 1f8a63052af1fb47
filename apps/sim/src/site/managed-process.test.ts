import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@nut-ts/testkit';
import { ManagedProcess } from './managed-process.js';

const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

describe('ManagedProcess', () => {
  it('keeps logging what a forked child writes after the program itself exited', async () => {
    const temp = makeTempDir('nut-managed-');
    temps.push(temp);
    const logFile = join(temp.path, 'prog.log');
    // The shell exits at once; its background child still holds stdout and writes later,
    // as NUT's upsmon does after forking.
    const proc = new ManagedProcess(
      'forking',
      '/bin/sh',
      ['-c', 'echo first; (sleep 0.3; echo late) & exit 0'],
      { env: process.env, logFile },
    );
    await proc.exited;
    await proc.waitForOutput(/late/, 5000);
    await proc.logClosed;
    expect(proc.output()).toBe('first\nlate\n');
    expect(readFileSync(logFile, 'utf8')).toBe('first\nlate\n');
  });
});
