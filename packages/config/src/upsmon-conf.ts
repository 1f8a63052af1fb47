import { ConfigError, deepFreeze, type Diagnostic } from './diagnostics.js';
import { readDirectives } from './directives.js';
import {
  NOTIFY_MESSAGES,
  NOTIFY_TYPES,
  type NotifyFlags,
  type NotifyType,
} from './notify-types.js';
import { certIdent, boolean, ignored, integer, text, applyTable, type Table } from './table.js';
import {
  commandRule,
  monitorRule,
  notifyFlagRule,
  notifyMsgRule,
  shutdownExitRule,
} from './upsmon-rules.js';

/** One MONITOR line. */
export interface MonitorEntry {
  /** The system as written (`ups@host:port`); NOTIFYCMD's UPSNAME. */
  system: string;
  upsName: string;
  /** Host name or address, IPv6 without brackets; `localhost` when not given. */
  host: string;
  /** 1-65535; 3493 when not given. */
  port: number;
  /** Power supplies this UPS feeds on this host; 0 = watched only. */
  powerValue: number;
  username: string;
  password: string;
  role: 'primary' | 'secondary';
  /** 1-based line of the MONITOR directive. */
  line: number;
}

/** upsmon.conf with NUT 2.8 defaults. Times in seconds. */
export interface UpsmonConf {
  monitors: MonitorEntry[];
  /** Power supplies that must be fed for this host to stay up. Default 1. */
  minSupplies: number;
  shutdownCmd?: string;
  notifyCmd?: string;
  /** Poll interval while all is well. Default 5. */
  pollFreq: number;
  /** Poll interval while some UPS is on battery. Default 5. */
  pollFreqAlert: number;
  /** Primary: longest wait for secondaries to log out. Default 15. */
  hostSync: number;
  /** Age of the last good poll after which an on-battery UPS is critical. Default 15. */
  deadTime: number;
  /** Wait between the SHUTDOWN notification and SHUTDOWNCMD. Default 5. */
  finalDelay: number;
  powerDownFlag?: string;
  /** Repeat interval of REPLBATT. Default 43200. */
  rbWarnTime: number;
  /** Repeat interval of NOCOMM. Default 300. */
  noCommWarnTime: number;
  /** OFF lasting this long is critical; -1 never, 0 at once. Default 30. */
  offDuration: number;
  /** OVER lasting this long (then lost) is critical; -1 never. Default -1. */
  overDuration: number;
  /** OB LB must last this long to be critical. Default 0 (at once). */
  obLbDuration: number;
  /** A lost UPS last seen in ALARM is critical. Default true. */
  alarmCritical: boolean;
  /** true = exit after SHUTDOWNCMD, false = stay, a number = linger that many seconds. Default true. */
  shutdownExit: boolean | number;
  /** Throttle of repeated poll-failure logs; -1 = none. Default -1 (nut-ts does not use it). */
  pollFailLogThrottleMax: number;
  runAsUser?: string;
  /** CA file or directory used to verify upsd's certificate. */
  certPath?: string;
  certFile?: string;
  /** NSS certificate name and database password (parsed; nut-ts does not use NSS). */
  certIdent?: { name: string; password: string };
  /** Verify upsd's certificate. Default false. */
  certVerify: boolean;
  /** Refuse to talk to upsd without TLS. Default false. */
  forceSsl: boolean;
  debugMin?: number;
  /** Message per notification type; stock messages unless NOTIFYMSG says otherwise. */
  notifyMsg: Record<NotifyType, string>;
  /** What to do per notification type; SYSLOG+WALL unless NOTIFYFLAG says otherwise. */
  notifyFlag: Record<NotifyType, NotifyFlags>;
  warnings: Diagnostic[];
}

type Draft = Omit<UpsmonConf, 'warnings'>;

/** upsmon.conf defaults of NUT 2.8 (notification messages and flags aside). */
export const UPSMON_DEFAULTS = Object.freeze({
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
  pollFailLogThrottleMax: -1,
  certVerify: false,
  forceSsl: false,
} satisfies Partial<Draft>);

const NO_NSS = 'NSS setting: accepted, but nut-ts uses CERTPATH, CERTVERIFY and FORCESSL';

/** Every upsmon.conf keyword. */
export const UPSMON_KEYWORDS: Table<Draft> = {
  MONITOR: monitorRule,
  MINSUPPLIES: integer('minSupplies', 0),
  SHUTDOWNCMD: commandRule('shutdownCmd'),
  NOTIFYCMD: commandRule('notifyCmd'),
  POLLFREQ: integer('pollFreq', 1),
  POLLFREQALERT: integer('pollFreqAlert', 1),
  HOSTSYNC: integer('hostSync', 0),
  DEADTIME: integer('deadTime', 1),
  FINALDELAY: integer('finalDelay', 0),
  POWERDOWNFLAG: text('powerDownFlag', '<file>'),
  RBWARNTIME: integer('rbWarnTime', 0),
  NOCOMMWARNTIME: integer('noCommWarnTime', 0),
  NOTIFYMSG: notifyMsgRule,
  NOTIFYFLAG: notifyFlagRule,
  RUN_AS_USER: text('runAsUser', '<user>'),
  SHUTDOWNEXIT: shutdownExitRule,
  OFFDURATION: integer('offDuration', -1),
  OVERDURATION: integer('overDuration', -1),
  OBLBDURATION: integer('obLbDuration', 0),
  ALARMCRITICAL: boolean('alarmCritical'),
  POLLFAIL_LOG_THROTTLE_MAX: {
    ...integer('pollFailLogThrottleMax', -1),
    warning: 'accepted, but nut-ts logs each poll failure state change once anyway',
  },
  CERTPATH: text('certPath', '<CA file or directory>'),
  CERTFILE: text('certFile', '<pem file>'),
  CERTIDENT: { ...certIdent(), warning: NO_NSS },
  CERTHOST: { ...ignored(NO_NSS), arity: [4, 4], usage: '<host> <cert name> <verify> <forcessl>' },
  CERTVERIFY: boolean('certVerify'),
  FORCESSL: boolean('forceSsl'),
  DEBUG_MIN: integer('debugMin', 0),
};

function defaults(): Draft {
  const notifyFlag = {} as Record<NotifyType, NotifyFlags>;
  for (const type of NOTIFY_TYPES) notifyFlag[type] = { syslog: true, wall: true, exec: false };
  return { ...UPSMON_DEFAULTS, monitors: [], notifyMsg: { ...NOTIFY_MESSAGES }, notifyFlag };
}

/** Parses upsmon.conf. Throws a ConfigError listing every error. */
export function parseUpsmonConf(text: string, file = 'upsmon.conf'): UpsmonConf {
  const { directives, errors } = readDirectives(text, file);
  const warnings: Diagnostic[] = [];
  const conf = defaults();
  applyTable(directives, UPSMON_KEYWORDS, conf, { file, errors, warnings });
  const total = conf.monitors.reduce((sum, m) => sum + m.powerValue, 0);
  if (total < conf.minSupplies) {
    // Point at MINSUPPLIES when it was written, else at the last MONITOR (or line 1).
    const minLine = directives.findLast((d) => d.words[0] === 'MINSUPPLIES')?.line;
    errors.push({
      file,
      line: minLine ?? conf.monitors.at(-1)?.line ?? 1,
      message: `the MONITOR power values add up to ${total}, less than MINSUPPLIES ${conf.minSupplies}: this host could never stay up (use MINSUPPLIES 0 for a monitoring-only host)`,
    });
  }
  if (errors.length > 0) throw new ConfigError(errors);
  return deepFreeze({ ...conf, warnings });
}
