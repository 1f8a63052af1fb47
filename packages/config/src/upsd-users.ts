import { ConfigError, deepFreeze, type Diagnostic } from './diagnostics.js';
import { readDirectives } from './directives.js';
import { UPSMON_ROLES } from './roles.js';

/** One `[user]` of upsd.users. */
export interface UpsdUser {
  /** Case-sensitive, as in NUT. */
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
  /** Users by name, in file order. */
  users: Map<string, UpsdUser>;
  warnings: Diagnostic[];
}

/** The action words upsd knows (PRIMARY is the new name NUT also accepts for MASTER). */
const ACTIONS = ['SET', 'FSD', 'LOGIN', 'MASTER', 'PRIMARY'];

/**
 * upsd.users holds passwords, and one written on the wrong line (after a bare `password`, in an
 * `actions` list, without its keyword) is an unknown word like any other. So messages repeat
 * only words we know (field names, actions) and name an unknown one by its place.
 */
const UNSHOWN = 'not shown: it may be a password';
const FIELD_NAMES = 'password, actions, instcmds, upsmon';

interface Note {
  error: (message: string) => void;
  warn: (message: string) => void;
}

/** Field name (any case) -> what its words do to the user. */
const USER_FIELDS: Readonly<
  Record<string, (user: UpsdUser, values: string[], note: Note) => void>
> = {
  password: (user, values, { error, warn }) => {
    if (values.length !== 1) error('password needs exactly one value (quote it if it has spaces)');
    // NUT keeps the first password of a user and ignores later ones: so do we.
    else if (user.password !== undefined) warn(`second password for [${user.name}] ignored`);
    else user.password = values[0]!;
  },
  actions: (user, values, { error, warn }) => {
    if (values.length === 0) error('actions needs at least one word (SET, FSD)');
    values.forEach((word, at) => {
      const action = word.toUpperCase();
      if (!ACTIONS.includes(action))
        warn(`actions: word ${at + 1} of the list is not SET or FSD and is ignored (${UNSHOWN})`);
      else if (!user.actions.includes(action)) user.actions.push(action);
    });
  },
  instcmds: (user, values, { error }) => {
    if (values.length === 0) error('instcmds needs at least one command name or ALL');
    for (const word of values) {
      const cmd = word.toLowerCase();
      if (!user.instcmds.includes(cmd)) user.instcmds.push(cmd);
    }
  },
  upsmon: (user, values, { error }) => {
    const role = values.length === 1 ? UPSMON_ROLES[values[0]!.toLowerCase()] : undefined;
    if (!role) {
      error('upsmon must be followed by primary or secondary (or master/slave)');
      return;
    }
    user.upsmon = role;
    for (const action of role === 'primary' ? ['LOGIN', 'MASTER', 'FSD'] : ['LOGIN'])
      if (!user.actions.includes(action)) user.actions.push(action);
  },
  allowfrom: (_user, _values, { warn }) =>
    warn('allowfrom is obsolete and ignored: use LISTEN and a firewall'),
};

/** Parses upsd.users. Throws a ConfigError listing every error. */
export function parseUpsdUsers(text: string, file = 'upsd.users'): UpsdUsers {
  const { directives, errors } = readDirectives(text, file);
  const warnings: Diagnostic[] = [];
  const users = new Map<string, UpsdUser>();
  let current: UpsdUser | undefined;
  let skipping = false;

  for (const { words, line } of directives) {
    const note: Note = {
      error: (message) => errors.push({ file, line, message }),
      warn: (message) => warnings.push({ file, line, message }),
    };
    const [first, ...rest] = words as [string, ...string[]];
    if (first.length > 1 && first.startsWith('[') && first.endsWith(']')) {
      const name = first.slice(1, -1);
      skipping = users.has(name);
      // Safer than NUT, which merges a duplicate's lines into the first user: drop them all.
      if (skipping) note.warn(`user [${name}] is defined twice: the later one is ignored`);
      current = skipping ? undefined : { name, actions: [], instcmds: [] };
      if (current) users.set(name, current);
      continue;
    }
    if (skipping) continue;
    const apply = Object.hasOwn(USER_FIELDS, first.toLowerCase())
      ? USER_FIELDS[first.toLowerCase()]
      : undefined;
    if (!current) {
      note.error(
        apply
          ? `'${first}' outside a [user] section`
          : `a line outside any [user] section (its first word is ${UNSHOWN})`,
      );
      continue;
    }
    if (apply) apply(current, rest[0] === '=' ? rest.slice(1) : rest, note);
    else note.warn(`unknown field ignored (${UNSHOWN}); the fields are ${FIELD_NAMES}`);
  }
  if (errors.length > 0) throw new ConfigError(errors);
  return deepFreeze({ users, warnings });
}
