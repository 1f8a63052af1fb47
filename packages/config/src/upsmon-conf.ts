import { ConfigError, deepFreeze, type Diagnostic } from './diagnostics.js';
import { UPSMON_ROLES } from './roles.js';
import { parseBoolean, parseInteger, readDirectives } from './directives.js';
import { parseSystem } from './monitor-system.js';
import {
  NOTIFY_MESSAGES,
  NOTIFY_TYPES,
  type NotifyFlags,
  type NotifyType,
} from './notify-types.js';

/** One MONITOR line. */
export interface MonitorEntry {
  /** The system as written (`ups@host:port`); NOTIFYCMD's UPSNAME. */
  system: string;
  upsName: string;
  host: string;
  port: number;
  powerValue: number;
  username: string;
  password: string;
  role: 'primary' | 'secondary';
  line: number;
}

/** upsmon.conf with NUT's defaults. Times in seconds. */
export interface UpsmonConf {
  monitors: MonitorEntry[];
  minSupplies: number;
  shutdownCmd?: string;
  notifyCmd?: string;
  pollFreq: number;
  pollFreqAlert: number;
  hostSync: number;
  deadTime: number;
  finalDelay: number;
  powerDownFlag?: string;
  rbWarnTime: number;
  noCommWarnTime: number;
  /** -1 never, 0 at once. Default 30. */
  offDuration: number;
  /** -1 never. Default -1. */
  overDuration: number;
  /** Default 0 (OB LB is critical at once). */
  obLbDuration: number;
  alarmCritical: boolean;
  /** true = exit after SHUTDOWNCMD, false = stay, a number = linger that many seconds. */
  shutdownExit: boolean | number;
  runAsUser?: string;
  certPath?: string;
  certFile?: string;
  certVerify: boolean;
  forceSsl: boolean;
  debugMin?: number;
  notifyMsg: Record<NotifyType, string>;
  notifyFlag: Record<NotifyType, NotifyFlags>;
  warnings: Diagnostic[];
}

type NumberKey =
  | 'minSupplies'
  | 'pollFreq'
  | 'pollFreqAlert'
  | 'hostSync'
  | 'deadTime'
  | 'finalDelay'
  | 'rbWarnTime'
  | 'noCommWarnTime'
  | 'offDuration'
  | 'overDuration'
  | 'obLbDuration'
  | 'debugMin';

/** Numeric directives: keyword -> field and smallest allowed value. */
const NUMBERS: Record<string, [NumberKey, number]> = {
  MINSUPPLIES: ['minSupplies', 0],
  POLLFREQ: ['pollFreq', 1],
  POLLFREQALERT: ['pollFreqAlert', 1],
  HOSTSYNC: ['hostSync', 0],
  DEADTIME: ['deadTime', 1],
  FINALDELAY: ['finalDelay', 0],
  RBWARNTIME: ['rbWarnTime', 0],
  NOCOMMWARNTIME: ['noCommWarnTime', 0],
  OFFDURATION: ['offDuration', -1],
  OVERDURATION: ['overDuration', -1],
  OBLBDURATION: ['obLbDuration', 0],
  DEBUG_MIN: ['debugMin', 0],
};
const STRINGS: Record<
  string,
  'shutdownCmd' | 'notifyCmd' | 'powerDownFlag' | 'runAsUser' | 'certPath' | 'certFile'
> = {
  SHUTDOWNCMD: 'shutdownCmd',
  NOTIFYCMD: 'notifyCmd',
  POWERDOWNFLAG: 'powerDownFlag',
  RUN_AS_USER: 'runAsUser',
  CERTPATH: 'certPath',
  CERTFILE: 'certFile',
};
const KNOWN_IGNORED = new Set(['POLLFAIL_LOG_THROTTLE_MAX', 'CERTIDENT', 'CERTHOST']);

function defaults(warnings: Diagnostic[]): UpsmonConf {
  const notifyFlag = {} as Record<NotifyType, NotifyFlags>;
  for (const type of NOTIFY_TYPES) notifyFlag[type] = { syslog: true, wall: true, exec: false };
  return {
    monitors: [],
    minSupplies: 1,
    pollFreq: 5,
    pollFreqAlert: 5,
    hostSync: 15,
    deadTime: 15,
    finalDelay: 5,
    rbWarnTime: 43200,
    noCommWarnTime: 300,
    offDuration: 30,
    overDuration: -1,
    obLbDuration: 0,
    alarmCritical: true,
    shutdownExit: true,
    certVerify: false,
    forceSsl: false,
    notifyMsg: { ...NOTIFY_MESSAGES },
    notifyFlag,
    warnings,
  };
}

/** Parses upsmon.conf. Throws a ConfigError listing every error. */
export function parseUpsmonConf(text: string, file = 'upsmon.conf'): UpsmonConf {
  const { directives, errors } = readDirectives(text, file);
  const warnings: Diagnostic[] = [];
  const conf = defaults(warnings);
  for (const { words, line } of directives) {
    const [keyword, ...args] = words as [string, ...string[]];
    const error = (message: string) => errors.push({ file, line, message });
    const upper = keyword.toUpperCase() === 'DEBUG_MIN' ? 'DEBUG_MIN' : keyword;
    const numeric = NUMBERS[upper];
    const text = STRINGS[upper];
    if (numeric) {
      const value = parseInteger(args[0], numeric[1]);
      if (value === undefined || args.length !== 1)
        error(`${keyword} needs one whole number >= ${numeric[1]}`);
      else conf[numeric[0]] = value;
    } else if (text) {
      // NUT 2.8.6 also takes SHUTDOWNCMD as several words: join them as a shell command.
      if (args.length === 0) error(`${keyword} needs a value`);
      else conf[text] = args.join(' ');
    } else if (upper === 'MONITOR') {
      parseMonitor(args, line, conf, error);
    } else if (upper === 'NOTIFYMSG') {
      const type = args[0] as NotifyType;
      if (args.length !== 2 || !(type in NOTIFY_MESSAGES))
        error(`NOTIFYMSG needs a notification type and a quoted message`);
      else conf.notifyMsg[type] = args[1]!;
    } else if (upper === 'NOTIFYFLAG') {
      parseNotifyFlag(args, conf, error);
    } else if (upper === 'ALARMCRITICAL' || upper === 'CERTVERIFY' || upper === 'FORCESSL') {
      const value = parseBoolean(args[0]);
      if (value === undefined) error(`${keyword} must be 0 or 1`);
      else if (upper === 'ALARMCRITICAL') conf.alarmCritical = value;
      else if (upper === 'CERTVERIFY') conf.certVerify = value;
      else conf.forceSsl = value;
    } else if (upper === 'SHUTDOWNEXIT') {
      const asBool = parseBoolean(args[0]);
      const asNumber = parseInteger(args[0], 0);
      if (asNumber !== undefined && !['0', '1'].includes(args[0]!)) conf.shutdownExit = asNumber;
      else if (asBool !== undefined) conf.shutdownExit = asBool;
      else error('SHUTDOWNEXIT must be yes, no or a number of seconds');
    } else if (KNOWN_IGNORED.has(upper)) {
      warnings.push({ file, line, message: `${keyword} is accepted but has no effect in nut-ts` });
    } else {
      warnings.push({ file, line, message: `unknown keyword '${keyword}' ignored` });
    }
  }
  const total = conf.monitors.reduce((sum, m) => sum + m.powerValue, 0);
  if (total < conf.minSupplies) {
    errors.push({
      file,
      line: conf.monitors.at(-1)?.line ?? 1,
      message: `the MONITOR power values add up to ${total}, less than MINSUPPLIES ${conf.minSupplies}: this host could never stay up (use MINSUPPLIES 0 for a monitoring-only host)`,
    });
  }
  if (errors.length > 0) throw new ConfigError(errors);
  return deepFreeze(conf);
}

function parseMonitor(
  args: string[],
  line: number,
  conf: UpsmonConf,
  error: (m: string) => void,
): void {
  if (args.length === 4) {
    error(
      'MONITOR without primary/secondary is the pre-2.0 form: add primary or secondary at the end',
    );
    return;
  }
  if (args.length !== 5) {
    error(
      'MONITOR needs: <ups>[@<host>[:<port>]] <powervalue> <username> <password> primary|secondary',
    );
    return;
  }
  const [system, power, username, password, rawRole] = args as [
    string,
    string,
    string,
    string,
    string,
  ];
  const parsed = parseSystem(system);
  const powerValue = parseInteger(power, 0);
  const role = UPSMON_ROLES[rawRole.toLowerCase()];
  if (!parsed) error(`MONITOR system '${system}' is not <ups>[@<host>[:<port>]]`);
  if (powerValue === undefined)
    error(`MONITOR power value must be a whole number >= 0, not '${power}'`);
  if (!role) error(`MONITOR type must be primary or secondary (or master/slave), not '${rawRole}'`);
  if (parsed && powerValue !== undefined && role) {
    conf.monitors.push({ system, ...parsed, powerValue, username, password, role, line });
  }
}

function parseNotifyFlag(args: string[], conf: UpsmonConf, error: (m: string) => void): void {
  const type = args[0] as NotifyType;
  if (args.length !== 2 || !(type in NOTIFY_MESSAGES)) {
    error('NOTIFYFLAG needs a notification type and flags like SYSLOG+WALL+EXEC or IGNORE');
    return;
  }
  const flags: NotifyFlags = { syslog: false, wall: false, exec: false };
  for (const flag of args[1]!.split('+')) {
    switch (flag.toUpperCase()) {
      case 'SYSLOG':
        flags.syslog = true;
        break;
      case 'WALL':
        flags.wall = true;
        break;
      case 'EXEC':
        flags.exec = true;
        break;
      case 'IGNORE':
        break;
      default:
        error(`unknown NOTIFYFLAG flag '${flag}' (SYSLOG, WALL, EXEC, IGNORE)`);
    }
  }
  conf.notifyFlag[type] = flags;
}
