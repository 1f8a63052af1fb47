import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@nut-ts/testkit';
import { powerDownFlagSet, writePowerDownFlag } from './shutdown.js';
import { readHead, writeWholeFile } from '@nut-ts/core';

const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});
function dir(): string {
  const temp = makeTempDir('nut-state-files-');
  temps.push(temp);
  return temp.path;
}

describe('state files on a full or strange disk', () => {
  it('a write that fails with ENOSPC throws and leaves no file behind', () => {
    const path = join(dir(), 'upsmon.pid');
    symlinkSync('/dev/full', path);
    expect(() => writeWholeFile(path, '123\n')).toThrow(/ENOSPC/);
    expect(existsSync(path)).toBe(false);
  });

  it('writes the whole text when there is room', () => {
    const path = join(dir(), 'killpower');
    writePowerDownFlag(path);
    expect(readFileSync(path, 'utf8')).toBe('upsmon-shutdown-file\n');
    expect(powerDownFlagSet(path)).toBe(true);
  });

  it('reads a bounded head, even from a device that never ends', () => {
    expect(readHead('/dev/zero', 64)).toHaveLength(64);
    const path = join(dir(), 'flag');
    symlinkSync('/dev/zero', path);
    expect(powerDownFlagSet(path)).toBe(false);
  });

  it('a flag with other content does not count', () => {
    const path = join(dir(), 'flag');
    writeFileSync(path, `upsmon-shutdown-file${'x'.repeat(1000)}`);
    expect(powerDownFlagSet(path)).toBe(false);
  });
});
