import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, confPath } from './diagnostics.js';
import { parseUpsConf, type UpsConf } from './ups-conf.js';
import { parseUpsdConf, type UpsdConf } from './upsd-conf.js';
import { parseUpsdUsers, type UpsdUsers } from './upsd-users.js';
import { parseUpsmonConf, type UpsmonConf } from './upsmon-conf.js';

function read(dir: string, name: string): { text: string; file: string } {
  const file = join(dir, name);
  try {
    return { text: readFileSync(file, 'latin1'), file };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'file not found'
        : (error as Error).message;
    throw new ConfigError([{ file, line: 0, message: `cannot read: ${reason}` }]);
  }
}

/**
 * Each load* reads `<dir>/<file>` (dir defaults to $NUT_CONFPATH, else /etc/nut) and parses it;
 * a missing or unreadable file is a ConfigError at line 0.
 */
export function loadUpsConf(dir = confPath()): UpsConf {
  const { text, file } = read(dir, 'ups.conf');
  return parseUpsConf(text, file);
}

/** Reads `<dir>/upsd.conf`. */
export function loadUpsdConf(dir = confPath()): UpsdConf {
  const { text, file } = read(dir, 'upsd.conf');
  return parseUpsdConf(text, file);
}

/** Reads upsd.users and warns when other users may read it (it holds passwords). */
export function loadUpsdUsers(dir = confPath()): UpsdUsers {
  const { text, file } = read(dir, 'upsd.users');
  const users = parseUpsdUsers(text, file);
  if ((statSync(file).mode & 0o004) !== 0) {
    return {
      users: users.users,
      warnings: [
        ...users.warnings,
        { file, line: 0, message: 'is readable by every user: it holds passwords (chmod 640)' },
      ],
    };
  }
  return users;
}

/** Reads `<dir>/upsmon.conf`. */
export function loadUpsmonConf(dir = confPath()): UpsmonConf {
  const { text, file } = read(dir, 'upsmon.conf');
  return parseUpsmonConf(text, file);
}
