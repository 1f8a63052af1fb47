import { closeSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `text` to `path`, or throws and leaves no half-written file behind: on a full disk
 * the file is often created but stays empty, which would mislead whoever reads it later.
 */
export function writeWholeFile(path: string, text: string, mode = 0o644): void {
  try {
    writeFileSync(path, text, { mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(path, { force: true });
    throw error;
  }
}

/**
 * The first `max` bytes of a small state file (PID file, POWERDOWNFLAG). Never more: the path
 * may name a device or a huge file, and reading it whole would hang or exhaust memory.
 */
export function readHead(path: string, max = 256): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(max);
    let length = 0;
    while (length < max) {
      const read = readSync(fd, buffer, length, max - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    closeSync(fd);
  }
}
