// Finds or installs the pinned pnpm so `npm start` / `npm test` work with only Node and npm.
import { spawnSync } from 'node:child_process';

export const PNPM_VERSION = '10.34.9';

function works(command, args) {
  const result = spawnSync(command, [...args, '--version'], { encoding: 'utf8', shell: false });
  return result.status === 0 && result.stdout.trim() === PNPM_VERSION;
}

/** Returns the command (and leading args) that runs the pinned pnpm, installing it if needed. */
export function ensurePnpm(log) {
  if (works('pnpm', [])) return ['pnpm'];
  log(`pnpm ${PNPM_VERSION} not found: installing it with npm`);
  const global = spawnSync('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`], {
    stdio: 'inherit',
  });
  if (global.status === 0 && works('pnpm', [])) return ['pnpm'];
  log('global install not possible here: using npx instead');
  const npx = ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
  if (works(npx[0], npx.slice(1))) return npx;
  throw new Error(
    `could not run pnpm ${PNPM_VERSION}; install it with: npm i -g pnpm@${PNPM_VERSION}`,
  );
}
