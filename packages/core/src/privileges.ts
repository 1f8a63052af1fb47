import { readFileSync } from 'node:fs';

/** uid and primary gid of a local user, from /etc/passwd; undefined when unknown. */
export function lookupUser(
  name: string,
  passwd = '/etc/passwd',
): { uid: number; gid: number } | undefined {
  let text: string;
  try {
    text = readFileSync(passwd, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined)
      return { uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

/**
 * Drops root to `user` (its primary group, no supplementary groups), as NUT's daemons do with
 * `-u`. Returns what happened, for the log; throws when the user does not exist.
 */
export function dropPrivileges(user: string): string {
  if (process.getuid?.() !== 0) return `not running as root: -u ${user} has nothing to drop`;
  const found = lookupUser(user);
  if (!found) throw new Error(`-u ${user}: no such user`);
  process.setgroups?.([found.gid]);
  process.setgid?.(found.gid);
  process.setuid?.(found.uid);
  return `running as ${user} (uid ${found.uid}, gid ${found.gid})`;
}
