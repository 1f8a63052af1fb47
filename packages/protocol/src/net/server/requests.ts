/**
 * One client request line as upsd understands it, decoded with NUT 2.8.0's argument rules
 * (verified byte for byte against Debian's upsd): command and sub-command words compare
 * case-insensitively; some commands want an exact argument count, others only a minimum and
 * ignore extra words.
 */
export type NetRequest =
  | { kind: 'VER' }
  /** NETVER, or its 2.8.0 alias PROTVER. */
  | { kind: 'NETVER' }
  | { kind: 'HELP' }
  | { kind: 'STARTTLS' }
  | { kind: 'USERNAME'; username: string }
  | { kind: 'PASSWORD'; password: string }
  /** LOGIN, or RFC 9271's ATTACH. */
  | { kind: 'LOGIN'; ups: string }
  /** LOGOUT, or RFC 9271's DETACH. */
  | { kind: 'LOGOUT' }
  /** PRIMARY or its deprecated name MASTER; the reply names the word used. */
  | { kind: 'PRIMARY'; ups: string; word: 'PRIMARY' | 'MASTER' }
  | { kind: 'FSD'; ups: string }
  /** GET NUMLOGINS, or RFC 9271's GET NUMATTACH; the reply names the word used. */
  | { kind: 'GET NUMLOGINS'; ups: string; word: 'NUMLOGINS' | 'NUMATTACH' }
  | { kind: 'GET UPSDESC'; ups: string }
  | OnVariable<'GET VAR' | 'GET TYPE' | 'GET DESC'>
  | { kind: 'GET CMDDESC'; ups: string; cmd: string }
  /** Without `id`: the session's tracking mode; with it: that request's result. */
  | { kind: 'GET TRACKING'; id?: string }
  | { kind: 'LIST UPS' }
  | OnUps<'LIST VAR' | 'LIST RW' | 'LIST CMD' | 'LIST CLIENT'>
  | OnVariable<'LIST ENUM' | 'LIST RANGE'>
  | { kind: 'SET VAR'; ups: string; name: string; value: string }
  | { kind: 'SET TRACKING'; on: boolean }
  | { kind: 'INSTCMD'; ups: string; cmd: string; param?: string };

/** One request shape per kind, so `Extract<NetRequest, { kind: K }>` finds each. */
type OnUps<K extends string> = K extends string ? { kind: K; ups: string } : never;
type OnVariable<K extends string> = K extends string
  ? { kind: K; ups: string; name: string }
  : never;

/** What decoding a line gave: a request, or the error NUT answers for its shape. */
export type DecodedRequest =
  | {
      ok: true;
      /** The command word, upper-cased (`ATTACH` stays `ATTACH`). */
      command: string;
      /** Whether NUT wants USERNAME and PASSWORD before looking at anything else. */
      needsUser: boolean;
      request: NetRequest;
    }
  | {
      ok: false;
      /** Upper-cased command word; undefined for an unknown or empty command. */
      command: string | undefined;
      needsUser: boolean;
      error: 'UNKNOWN-COMMAND' | 'INVALID-ARGUMENT';
    };

type Decoder = (args: readonly string[]) => NetRequest | undefined;

/** Exactly `count` arguments, or undefined (INVALID-ARGUMENT). */
const exact =
  (count: number, build: (args: readonly string[]) => NetRequest): Decoder =>
  (args) =>
    args.length === count ? build(args) : undefined;

const at = (args: readonly string[], index: number): string => args[index]!;

function decodeGet(args: readonly string[]): NetRequest | undefined {
  const sub = args[0]?.toUpperCase();
  // NUT looks at TRACKING before any count check, and ignores words after the id.
  if (sub === 'TRACKING') {
    return args.length > 1 ? { kind: 'GET TRACKING', id: at(args, 1) } : { kind: 'GET TRACKING' };
  }
  if (args.length < 2) return undefined;
  const ups = at(args, 1);
  if (sub === 'NUMLOGINS' || sub === 'NUMATTACH') return { kind: 'GET NUMLOGINS', ups, word: sub };
  if (sub === 'UPSDESC') return { kind: 'GET UPSDESC', ups };
  if (args.length < 3) return undefined;
  const name = at(args, 2);
  switch (sub) {
    case 'VAR':
    case 'TYPE':
    case 'DESC':
      return { kind: `GET ${sub}`, ups, name };
    case 'CMDDESC':
      return { kind: 'GET CMDDESC', ups, cmd: name };
    default:
      return undefined;
  }
}

function decodeList(args: readonly string[]): NetRequest | undefined {
  const sub = args[0]?.toUpperCase();
  if (sub === 'UPS') return { kind: 'LIST UPS' };
  if (args.length < 2) return undefined;
  const ups = at(args, 1);
  switch (sub) {
    case 'VAR':
    case 'RW':
    case 'CMD':
    case 'CLIENT':
      return { kind: `LIST ${sub}`, ups };
    case 'ENUM':
    case 'RANGE':
      return args.length < 3 ? undefined : { kind: `LIST ${sub}`, ups, name: at(args, 2) };
    default:
      return undefined;
  }
}

function decodeSet(args: readonly string[]): NetRequest | undefined {
  const sub = args[0]?.toUpperCase();
  if (sub === 'VAR' && args.length >= 4) {
    return { kind: 'SET VAR', ups: at(args, 1), name: at(args, 2), value: at(args, 3) };
  }
  if (sub === 'TRACKING' && args.length >= 2) {
    const word = at(args, 1).toUpperCase();
    if (word === 'ON' || word === 'OFF') return { kind: 'SET TRACKING', on: word === 'ON' };
  }
  return undefined;
}

function decodeInstcmd(args: readonly string[]): NetRequest | undefined {
  if (args.length < 2) return undefined;
  const request: NetRequest = { kind: 'INSTCMD', ups: at(args, 0), cmd: at(args, 1) };
  return args.length > 2 ? { ...request, param: at(args, 2) } : request;
}

const login = exact(1, (args) => ({ kind: 'LOGIN', ups: at(args, 0) }));
const logout = exact(0, () => ({ kind: 'LOGOUT' }));

/** Command word -> [needs USERNAME/PASSWORD first, decoder of the arguments]. */
const COMMANDS = new Map<string, [boolean, Decoder]>(
  Object.entries({
    VER: [false, exact(0, () => ({ kind: 'VER' }))],
    NETVER: [false, exact(0, () => ({ kind: 'NETVER' }))],
    PROTVER: [false, exact(0, () => ({ kind: 'NETVER' }))],
    HELP: [false, exact(0, () => ({ kind: 'HELP' }))],
    // NUT ignores any words after STARTTLS.
    STARTTLS: [false, () => ({ kind: 'STARTTLS' })],
    GET: [false, decodeGet],
    LIST: [false, decodeList],
    USERNAME: [false, exact(1, (args) => ({ kind: 'USERNAME', username: at(args, 0) }))],
    PASSWORD: [false, exact(1, (args) => ({ kind: 'PASSWORD', password: at(args, 0) }))],
    LOGOUT: [false, logout],
    DETACH: [false, logout],
    LOGIN: [true, login],
    ATTACH: [true, login],
    PRIMARY: [true, exact(1, (args) => ({ kind: 'PRIMARY', ups: at(args, 0), word: 'PRIMARY' }))],
    MASTER: [true, exact(1, (args) => ({ kind: 'PRIMARY', ups: at(args, 0), word: 'MASTER' }))],
    FSD: [true, exact(1, (args) => ({ kind: 'FSD', ups: at(args, 0) }))],
    SET: [true, decodeSet],
    INSTCMD: [true, decodeInstcmd],
  } satisfies Record<string, [boolean, Decoder]>),
);

/**
 * Decodes the words of one request line (from the tokenizer). Never throws: an empty line or
 * unknown command gives UNKNOWN-COMMAND, a bad argument shape INVALID-ARGUMENT. The caller
 * checks `needsUser` before reporting INVALID-ARGUMENT, as NUT does.
 */
export function decodeRequest(words: readonly string[]): DecodedRequest {
  const command = words[0]?.toUpperCase();
  const entry = command === undefined ? undefined : COMMANDS.get(command);
  if (!entry) return { ok: false, command: undefined, needsUser: false, error: 'UNKNOWN-COMMAND' };
  const [needsUser, decode] = entry;
  const request = decode(words.slice(1));
  return request
    ? { ok: true, command: command!, needsUser, request }
    : { ok: false, command, needsUser, error: 'INVALID-ARGUMENT' };
}
