import { timingSafeEqual, createHash } from 'node:crypto';
import type { UpsdUser } from '@nut-ts/config';

/** Rights checked by privileged commands. */
export type Right = 'LOGIN' | 'PRIMARY' | 'FSD' | 'SET' | { instcmd: string };

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/** `granted`, `bad-credentials` (unknown user or wrong password) or `no-right`. */
export type AuthResult = 'granted' | 'bad-credentials' | 'no-right';

/**
 * Whether `username`/`password` name a user of upsd.users holding `right`. Checked on every
 * privileged command (as NUT does), so a reload that removes a user takes effect at once.
 * Passwords are compared in constant time.
 */
export function authorize(
  users: ReadonlyMap<string, UpsdUser>,
  username: string,
  password: string,
  right: Right,
): AuthResult {
  const user = users.get(username);
  if (!user || user.password === undefined) {
    sameSecret(password, 'no such user'); // same work either way
    return 'bad-credentials';
  }
  if (!sameSecret(password, user.password)) return 'bad-credentials';
  let has: boolean;
  if (typeof right === 'object') {
    has = user.instcmds.includes('all') || user.instcmds.includes(right.instcmd.toLowerCase());
  } else if (right === 'PRIMARY') {
    has = user.actions.includes('MASTER') || user.actions.includes('PRIMARY');
  } else {
    has = user.actions.includes(right);
  }
  return has ? 'granted' : 'no-right';
}
