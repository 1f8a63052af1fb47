import { ConfigError, deepFreeze, type Diagnostic } from './diagnostics.js';
import { UPSMON_ROLES } from './roles.js';
import { keyValue, readDirectives } from './directives.js';

/** One `[user]` of upsd.users. */
export interface UpsdUser {
  name: string;
  /** Compared case-sensitively; a user without one can never authenticate. */
  password?: string;
  /** Upper-case action words: SET, FSD (and LOGIN, MASTER granted by `upsmon`). */
  actions: string[];
  /** Lower-case instant command names; `all` means every command. */
  instcmds: string[];
  /** The upsmon role; the old words master/slave map to primary/secondary. */
  upsmon?: 'primary' | 'secondary';
}

export interface UpsdUsers {
  users: Map<string, UpsdUser>;
  warnings: Diagnostic[];
}

/** Parses upsd.users. Throws a ConfigError listing every error. */
export function parseUpsdUsers(text: string, file = 'upsd.users'): UpsdUsers {
  const { directives, errors } = readDirectives(text, file);
  const warnings: Diagnostic[] = [];
  const users = new Map<string, UpsdUser>();
  let current: UpsdUser | undefined;
  let ignoring = false;

  for (const { words, line } of directives) {
    const error = (message: string) => errors.push({ file, line, message });
    const section = /^\[(.*)\]$/.exec(words[0]!);
    if (section && words.length === 1) {
      const name = section[1]!;
      ignoring = users.has(name);
      if (ignoring)
        warnings.push({
          file,
          line,
          message: `user [${name}] is defined twice: the later one is ignored`,
        });
      current = ignoring ? undefined : { name, actions: [], instcmds: [] };
      if (current) users.set(name, current);
      continue;
    }
    if (ignoring) continue;
    if (!current) {
      error(`'${words[0]}' outside a [user] section`);
      continue;
    }
    const pair = keyValue(words);
    const key = (pair?.key ?? words[0]!).toLowerCase();
    const values = pair?.values ?? [];
    switch (key) {
      case 'password':
        if (values.length !== 1)
          error('password needs exactly one value (quote it if it has spaces)');
        else current.password = values[0]!;
        break;
      case 'actions':
        if (values.length === 0) error('actions needs at least one word (SET, FSD)');
        for (const action of values) {
          const upper = action.toUpperCase();
          if (!['SET', 'FSD', 'LOGIN', 'MASTER', 'PRIMARY'].includes(upper)) {
            warnings.push({ file, line, message: `unknown action '${action}' ignored` });
          } else if (!current.actions.includes(upper)) current.actions.push(upper);
        }
        break;
      case 'instcmds':
        if (values.length === 0) error('instcmds needs at least one command name or ALL');
        for (const cmd of values)
          if (!current.instcmds.includes(cmd.toLowerCase()))
            current.instcmds.push(cmd.toLowerCase());
        break;
      case 'upsmon': {
        const role = UPSMON_ROLES[(values[0] ?? '').toLowerCase()];
        if (!role || values.length !== 1)
          error(`upsmon must be followed by primary or secondary (or master/slave)`);
        else {
          current.upsmon = role;
          const granted = role === 'primary' ? ['LOGIN', 'MASTER', 'FSD'] : ['LOGIN'];
          for (const action of granted)
            if (!current.actions.includes(action)) current.actions.push(action);
        }
        break;
      }
      case 'allowfrom':
        warnings.push({
          file,
          line,
          message: 'allowfrom is obsolete and ignored: use LISTEN and a firewall',
        });
        break;
      default:
        warnings.push({ file, line, message: `unknown field '${words[0]}' ignored` });
    }
  }
  if (errors.length > 0) throw new ConfigError(errors);
  return deepFreeze({ users, warnings });
}
