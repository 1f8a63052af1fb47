import { parseBoolean, parseInteger } from './directives.js';
import { parseSystem } from './monitor-system.js';
import { NOTIFY_MESSAGES, type NotifyFlags, type NotifyType } from './notify-types.js';
import { UPSMON_ROLES } from './roles.js';
import type { Rule } from './table.js';
import type { UpsmonConf } from './upsmon-conf.js';

type Draft = Omit<UpsmonConf, 'warnings'>;

const MONITOR_USAGE =
  '<ups>[@<host>[:<port>]] <powervalue> <username> <password> primary|secondary';

/** Why a MONITOR message names a field without quoting what is written there. */
const UNSHOWN = '(what is written there is not shown: it may be the password)';

/** `MONITOR <system> <powervalue> <user> <password> <role>`. */
export const monitorRule: Rule<Draft> = {
  arity: [4, 5],
  usage: MONITOR_USAGE,
  apply: (conf, args, { line }) => {
    // NUT 2.8.0 refuses the pre-2.0 form (no role) outright: keep that a fatal error.
    if (args.length === 4)
      return 'without primary/secondary is the pre-2.0 form: add primary or secondary at the end';
    const [system, power, username, password, rawRole] = args as [
      string,
      string,
      string,
      string,
      string,
    ];
    const parsed = parseSystem(system);
    const powerValue = parseInteger(power, 0, 2 ** 31 - 1);
    const role = UPSMON_ROLES[rawRole.toLowerCase()];
    // Only the system is repeated: a word after it may be the password written one field off
    // (`... user primary secret`), and an error message must never carry a password. Nor is
    // the system repeated when it has a `:` before an `@`: `ups@monuser:secret@host`, as in a
    // URL, holds the password.
    const credentials = /:[^@]*@/.test(system);
    const problems = [
      !parsed &&
        (credentials
          ? 'system is not <ups>[@<host>[:<port>]]: user and password are the fields after the power value, not user:password@ as in a URL'
          : `system '${system}' is not <ups>[@<host>[:<port>]] with a port 1-65535`),
      powerValue === undefined &&
        'power value (the word after the system) must be a whole number >= 0',
      !role &&
        'type must be primary or secondary (or master/slave) in the last field, after the password',
    ].filter((p): p is string => typeof p === 'string');
    const unshown = credentials || powerValue === undefined || !role;
    if (problems.length > 0) return problems.join('; ') + (unshown ? ` ${UNSHOWN}` : '');
    conf.monitors.push({
      system,
      ...parsed!,
      powerValue: powerValue!,
      username,
      password,
      role: role!,
      line,
    });
    return undefined;
  },
};

function notifyType(word: string): NotifyType | undefined {
  return Object.hasOwn(NOTIFY_MESSAGES, word) ? (word as NotifyType) : undefined;
}

/** `NOTIFYMSG <TYPE> "<message>"`; `%s` stands for the UPS. */
export const notifyMsgRule: Rule<Draft> = {
  arity: [2, 2],
  usage: '<notify type> "<message>"',
  apply: (conf, [rawType, message]) => {
    const type = notifyType(rawType!);
    if (!type)
      return `'${rawType}' is not a notify type (${Object.keys(NOTIFY_MESSAGES).join(', ')})`;
    conf.notifyMsg[type] = message!;
    return undefined;
  },
};

/** `NOTIFYFLAG <TYPE> SYSLOG+WALL+EXEC` or `IGNORE`; the flags replace the defaults. */
export const notifyFlagRule: Rule<Draft> = {
  arity: [2, 2],
  usage: '<notify type> <SYSLOG+WALL+EXEC or IGNORE>',
  apply: (conf, [rawType, rawFlags]) => {
    const type = notifyType(rawType!);
    if (!type)
      return `'${rawType}' is not a notify type (${Object.keys(NOTIFY_MESSAGES).join(', ')})`;
    const flags: NotifyFlags = { syslog: false, wall: false, exec: false };
    const unknown: string[] = [];
    for (const flag of rawFlags!.split('+')) {
      const name = flag.toUpperCase();
      if (name === 'SYSLOG' || name === 'WALL' || name === 'EXEC')
        flags[name.toLowerCase() as keyof NotifyFlags] = true;
      else if (name !== 'IGNORE') unknown.push(flag);
    }
    if (unknown.length > 0)
      return `unknown flag${unknown.length > 1 ? 's' : ''} '${unknown.join("', '")}' (SYSLOG, WALL, EXEC, IGNORE)`;
    conf.notifyFlag[type] = flags;
    return undefined;
  },
};

/** `SHUTDOWNEXIT yes|no|<seconds>`: exit after SHUTDOWNCMD, stay, or linger that long. */
export const shutdownExitRule: Rule<Draft> = {
  arity: [1, 1],
  usage: 'yes|no|<seconds>',
  apply: (conf, [word]) => {
    // 0 and 1 read as booleans, as NUT does; bigger numbers are seconds.
    const seconds = parseInteger(word, 2, 2 ** 31 - 1);
    const flag = parseBoolean(word);
    if (seconds === undefined && flag === undefined)
      return `must be yes, no or a number of seconds, not '${word}'`;
    conf.shutdownExit = seconds ?? flag!;
    return undefined;
  },
};

/** A shell command, quoted or (as NUT 2.8.6 also allows) given as several words. */
export function commandRule(field: 'shutdownCmd' | 'notifyCmd'): Rule<Draft> {
  return {
    arity: [1, Infinity],
    usage: '"<command>"',
    apply: (conf, args, { warn }) => {
      if (args.length > 1)
        warn(`words joined into one command; NUT 2.8.0 would run only '${args[0]}': quote it`);
      conf[field] = args.join(' ');
      return undefined;
    },
  };
}
