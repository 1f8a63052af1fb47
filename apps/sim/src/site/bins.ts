import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds one of our programs (`upsd`, `upsmon`, `dummy-ups`...) the way a shell would after
 * `npm install`: in the nearest `node_modules/.bin` walking up from this package, which is
 * where pnpm (in the repo) and npm (installed from the registry) both link dependency bins.
 */
export function findBin(name: string, from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  const { root } = parse(dir);
  for (;;) {
    const candidate = join(dir, 'node_modules', '.bin', name);
    if (existsSync(candidate)) return candidate;
    if (dir === root) break;
    dir = dirname(dir);
  }
  throw new Error(
    `program '${name}' not found in any node_modules/.bin above ${from}; run pnpm install && pnpm build`,
  );
}
