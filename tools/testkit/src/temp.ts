import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh directory under the system temp dir, short enough for AF_UNIX socket paths.
 * `remove()` deletes it; call it in teardown.
 */
export function makeTempDir(prefix = 'nut-ts-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
