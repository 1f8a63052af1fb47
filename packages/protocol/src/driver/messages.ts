import { quote } from '../encode.js';

/** Messages a driver sends to upsd (and any other socket client), NUT sock protocol §4.2. */
export type DriverMessage =
  | { type: 'SETINFO'; name: string; value: string }
  | { type: 'DELINFO'; name: string }
  | { type: 'ADDENUM'; name: string; value: string }
  | { type: 'DELENUM'; name: string; value: string }
  | { type: 'ADDRANGE'; name: string; min: number; max: number }
  | { type: 'DELRANGE'; name: string; min: number; max: number }
  | { type: 'SETAUX'; name: string; aux: number }
  | { type: 'SETFLAGS'; name: string; flags: string[] }
  | { type: 'ADDCMD'; name: string }
  | { type: 'DELCMD'; name: string }
  | { type: 'DUMPDONE' }
  | { type: 'PONG' }
  | { type: 'DATAOK' }
  | { type: 'DATASTALE' }
  | { type: 'TRACKING'; id: string; status: number }
  | { type: 'PID'; pid: number }
  | { type: 'OK-GOODBYE' };

/** Requests a server sends to a driver, §4.3. */
export type ServerToDriverMessage =
  | { type: 'PING' }
  | { type: 'DUMPALL' }
  | { type: 'DUMPVALUE'; name: string }
  | { type: 'DUMPSTATUS' }
  | { type: 'INSTCMD'; name: string; param?: string; trackingId?: string }
  | { type: 'SET'; name: string; value: string; trackingId?: string }
  | { type: 'GETPID' }
  | { type: 'NOBROADCAST' }
  | { type: 'BROADCAST'; level?: number }
  | { type: 'LOGOUT' };

/** Result codes of `TRACKING <id> <n>` from a driver. */
export const DRIVER_TRACKING = {
  SUCCESS: 0,
  UNKNOWN: 1,
  INVALID_ARGUMENT: 2,
  FAILED: 3,
  CONVERSION_FAILED: 4,
} as const;

const MIN_WORDS: Record<string, number> = {
  SETINFO: 3,
  DELINFO: 2,
  ADDENUM: 3,
  DELENUM: 3,
  ADDRANGE: 4,
  DELRANGE: 4,
  SETAUX: 3,
  SETFLAGS: 2,
  ADDCMD: 2,
  DELCMD: 2,
  DUMPDONE: 1,
  PONG: 1,
  DATAOK: 1,
  DATASTALE: 1,
  TRACKING: 3,
  PID: 2,
};

/**
 * A decimal number, clamped to the safe integer range so it is always finite and exact.
 * upsd reads these numbers with strtol (SETAUX) or atoi (ADDRANGE/DELRANGE): an overflow never
 * drops the line, strtol clamps to LONG_MIN/LONG_MAX and atoi's overflow is undefined. Clamping
 * is strtol's behaviour with JavaScript's exact bound, ±(2^53 - 1), in place of `long`'s; a
 * 400-digit ADDRANGE would otherwise decode as Infinity. (NUT reads a non-number such as `x` as
 * 0; we keep ignoring that line instead, since no driver sends one.)
 */
function toInt(word: string): number | undefined {
  if (!/^[+-]?\d+$/.test(word)) return undefined;
  const value = Number.parseInt(word, 10);
  return Math.min(Math.max(value, Number.MIN_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
}

/**
 * Decodes one tokenized line from a driver. Returns undefined for unknown keywords, short lines
 * and non-numeric numbers: NUT's upsd ignores such lines, and so do we.
 * Keywords are matched case-insensitively, as upsd does.
 */
export function decodeDriverMessage(words: readonly string[]): DriverMessage | undefined {
  const [first, a = '', b = '', c = ''] = words;
  if (first === undefined) return undefined;
  const keyword = first.toUpperCase();
  if (keyword === 'OK' && b === '' && a.toLowerCase() === 'goodbye') return { type: 'OK-GOODBYE' };
  const min = MIN_WORDS[keyword];
  if (min === undefined || words.length < min) return undefined;
  switch (keyword) {
    case 'SETINFO':
    case 'ADDENUM':
    case 'DELENUM':
      return { type: keyword, name: a, value: b };
    case 'DELINFO':
    case 'ADDCMD':
    case 'DELCMD':
      return { type: keyword, name: a };
    case 'ADDRANGE':
    case 'DELRANGE': {
      const lo = toInt(b);
      const hi = toInt(c);
      return lo === undefined || hi === undefined
        ? undefined
        : { type: keyword, name: a, min: lo, max: hi };
    }
    case 'SETAUX': {
      const aux = toInt(b);
      return aux === undefined ? undefined : { type: 'SETAUX', name: a, aux };
    }
    case 'SETFLAGS':
      return { type: 'SETFLAGS', name: a, flags: words.slice(2).map((w) => w.toUpperCase()) };
    case 'TRACKING': {
      const status = toInt(b);
      return status === undefined ? undefined : { type: 'TRACKING', id: a, status };
    }
    case 'PID': {
      const pid = toInt(a);
      return pid === undefined ? undefined : { type: 'PID', pid };
    }
    case 'DUMPDONE':
    case 'PONG':
    case 'DATAOK':
    case 'DATASTALE':
      return { type: keyword };
  }
  return undefined;
}

/** Encodes a driver message as one LF-terminated line, values quoted and escaped. */
export function encodeDriverMessage(message: DriverMessage): string {
  switch (message.type) {
    case 'SETINFO':
    case 'ADDENUM':
    case 'DELENUM':
      return `${message.type} ${message.name} ${quote(message.value)}\n`;
    case 'DELINFO':
    case 'ADDCMD':
    case 'DELCMD':
      return `${message.type} ${message.name}\n`;
    case 'ADDRANGE':
    case 'DELRANGE':
      return `${message.type} ${message.name} ${message.min} ${message.max}\n`;
    case 'SETAUX':
      return `SETAUX ${message.name} ${message.aux}\n`;
    case 'SETFLAGS':
      return `SETFLAGS ${[message.name, ...message.flags].join(' ')}\n`;
    case 'TRACKING':
      return `TRACKING ${message.id} ${message.status}\n`;
    case 'PID':
      return `PID ${message.pid}\n`;
    case 'OK-GOODBYE':
      return 'OK Goodbye\n';
    default:
      return `${message.type}\n`;
  }
}

/**
 * Decodes a request from a socket client to a driver. Returns undefined when the line is not a
 * request a driver understands (drivers ignore such lines).
 */
export function decodeServerToDriver(words: readonly string[]): ServerToDriverMessage | undefined {
  const [first, ...args] = words;
  if (first === undefined) return undefined;
  switch (first.toUpperCase()) {
    case 'PING':
      return { type: 'PING' };
    case 'DUMPALL':
      return { type: 'DUMPALL' };
    case 'DUMPSTATUS':
      return { type: 'DUMPSTATUS' };
    case 'GETPID':
      return { type: 'GETPID' };
    case 'NOBROADCAST':
      return { type: 'NOBROADCAST' };
    case 'LOGOUT':
      return { type: 'LOGOUT' };
    case 'DUMPVALUE':
      return args[0] === undefined ? undefined : { type: 'DUMPVALUE', name: args[0] };
    case 'BROADCAST': {
      if (args[0] === undefined) return { type: 'BROADCAST' };
      const level = toInt(args[0]);
      return level === undefined ? undefined : { type: 'BROADCAST', level };
    }
    case 'INSTCMD': {
      if (args.length < 1 || args.length > 4) return undefined;
      const [name, ...rest] = args as [string, ...string[]];
      const tracking = splitTracking(rest);
      if (!tracking) return undefined;
      const param = tracking.rest[0];
      if (tracking.rest.length > 1) return undefined;
      return { type: 'INSTCMD', name, ...(param !== undefined && { param }), ...tracking.id };
    }
    case 'SET': {
      if (args.length < 2) return undefined;
      const [name, value, ...rest] = args as [string, string, ...string[]];
      const tracking = splitTracking(rest);
      if (!tracking || tracking.rest.length > 0) return undefined;
      return { type: 'SET', name, value, ...tracking.id };
    }
  }
  return undefined;
}

function splitTracking(
  rest: string[],
): { rest: string[]; id: { trackingId?: string } } | undefined {
  const at = rest.findIndex((word) => word.toUpperCase() === 'TRACKING');
  if (at === -1) return { rest, id: {} };
  if (at !== rest.length - 2) return undefined;
  return { rest: rest.slice(0, at), id: { trackingId: rest[at + 1]! } };
}

/** Encodes a request to a driver as one LF-terminated line. */
export function encodeServerToDriver(message: ServerToDriverMessage): string {
  const tracking = (id?: string) => (id ? ` TRACKING ${id}` : '');
  switch (message.type) {
    case 'DUMPVALUE':
      return `DUMPVALUE ${message.name}\n`;
    case 'BROADCAST':
      return message.level === undefined ? 'BROADCAST\n' : `BROADCAST ${message.level}\n`;
    case 'INSTCMD': {
      const param = message.param === undefined ? '' : ` ${quote(message.param)}`;
      return `INSTCMD ${message.name}${param}${tracking(message.trackingId)}\n`;
    }
    case 'SET':
      return `SET ${message.name} ${quote(message.value)}${tracking(message.trackingId)}\n`;
    default:
      return `${message.type}\n`;
  }
}
