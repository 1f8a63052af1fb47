import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A directory where writes fail with ENOSPC; `remove()` undoes it (call it in teardown). */
export interface FullDir {
  path: string;
  remove(): void;
}

/** A directory on a 16 KB tmpfs filled to the brim. Mounting needs root. */
export function fullTmpfs(): FullDir {
  const path = mkdtempSync(join(tmpdir(), 'nut-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k,mode=0755', 'tmpfs', path]);
  const remove = () => {
    try {
      execFileSync('umount', [path]);
    } catch {
      execFileSync('umount', ['-l', path]);
    }
    rmSync(path, { recursive: true, force: true });
  };
  try {
    for (;;) appendFileSync(join(path, 'filler'), Buffer.alloc(4096));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') {
      remove();
      throw error;
    }
  }
  return { path, remove };
}

/** A directory where each of `names` is a link to /dev/full, so writing it fails (any user). */
export function devFullFiles(names: readonly string[]): FullDir {
  const path = mkdtempSync(join(tmpdir(), 'nut-devfull-'));
  for (const name of names) symlinkSync('/dev/full', join(path, name));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Full disks for a test file: `tmpfs()` and `devFull()` make one each (the latter with links
 * named `devFullNames`); `removeAll()` undoes them, for afterEach.
 */
export class FullDisks {
  private readonly made: FullDir[] = [];

  constructor(private readonly devFullNames: readonly string[]) {}

  readonly tmpfs = (): string => this.keep(fullTmpfs());
  readonly devFull = (): string => this.keep(devFullFiles(this.devFullNames));

  removeAll(): void {
    for (const dir of this.made.splice(0).reverse()) dir.remove();
  }

  private keep(dir: FullDir): string {
    this.made.push(dir);
    return dir.path;
  }
}
