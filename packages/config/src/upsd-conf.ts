import { ConfigError, deepFreeze, type Diagnostic } from './diagnostics.js';
import { parseInteger, readDirectives } from './directives.js';
import {
  certIdent,
  boolean,
  ignored,
  integer,
  oneOf,
  text,
  applyTable,
  type Table,
} from './table.js';

/** One LISTEN line. */
export interface ListenAddress {
  /** An IPv4/IPv6 address or host name as written; `*` means every address. */
  address: string;
  /** TCP port 1-65535; 3493 when not given. */
  port: number;
}

/** upsd.conf. Times in seconds. */
export interface UpsdConf {
  /** LISTEN lines in order; empty means NUT's default, 127.0.0.1 and ::1 on 3493. */
  listen: ListenAddress[];
  /** Seconds after which driver data is stale. Default 15. */
  maxAge: number;
  /** Most simultaneous connections. Default 1024 (NUT: the OS file limit). */
  maxConn: number;
  statePath?: string;
  dataPath?: string;
  /** Seconds a TRACKING result is kept. Default 3600. */
  trackingDelay: number;
  /** PEM file with certificate, chain and private key (enables STARTTLS). */
  certFile?: string;
  certPath?: string;
  certIdent?: { name: string; password: string };
  /** 0 = no client certificate, 1 = request one, 2 = require a valid one. Default 0. */
  certRequest: 0 | 1 | 2;
  /** TLS 1.2 at least (nut-ts never offers less than TLS 1.2 anyway). Default false. */
  disableWeakSsl: boolean;
  /** Start even when ups.conf defines no UPS. Default false. */
  allowNoDevice: boolean;
  /** Start even when some LISTEN address cannot be bound. Default false. */
  allowNotAllListeners: boolean;
  /**
   * nut-ts extension (RFC 9271 §6.2): `off` (default, as NUT), `remote` (clients not on loopback
   * must STARTTLS first), `all` (every client must).
   */
  tlsRequired: 'off' | 'remote' | 'all';
  /** Lowest debug level, 0 and up; unset unless DEBUG_MIN is given. */
  debugMin?: number;
  warnings: Diagnostic[];
}

type Draft = Omit<UpsdConf, 'warnings'>;

/** upsd.conf defaults (NUT 2.8.0, except maxConn: see UpsdConf.maxConn). */
export const UPSD_DEFAULTS: Readonly<Draft> = Object.freeze({
  listen: [],
  maxAge: 15,
  maxConn: 1024,
  trackingDelay: 3600,
  certRequest: 0,
  disableWeakSsl: false,
  allowNoDevice: false,
  allowNotAllListeners: false,
  tlsRequired: 'off',
});

const OBSOLETE = 'obsolete since NUT 2.4 and ignored: use LISTEN and a firewall';

/** Every upsd.conf keyword. */
export const UPSD_KEYWORDS: Table<Draft> = {
  LISTEN: {
    arity: [1, 2],
    usage: '<address> [<port>]',
    apply: (conf, [address, rawPort]) => {
      const port = rawPort === undefined ? 3493 : parseInteger(rawPort, 1, 65535);
      if (port === undefined) return `port must be 1-65535, not '${rawPort}'`;
      conf.listen.push({ address: address!, port });
      return undefined;
    },
  },
  MAXAGE: integer('maxAge', 1),
  MAXCONN: integer('maxConn', 1),
  TRACKINGDELAY: integer('trackingDelay', 0),
  STATEPATH: text('statePath', '<directory>'),
  DATAPATH: text('dataPath', '<directory>'),
  CERTFILE: text('certFile', '<pem file>'),
  CERTPATH: text('certPath', '<directory>'),
  CERTIDENT: certIdent(),
  CERTREQUEST: oneOf('certRequest', { 0: 0, 1: 1, 2: 2, NO: 0, REQUEST: 1, REQUIRE: 2 }),
  DISABLE_WEAK_SSL: boolean('disableWeakSsl'),
  ALLOW_NO_DEVICE: boolean('allowNoDevice'),
  ALLOW_NOT_ALL_LISTENERS: boolean('allowNotAllListeners'),
  TLS_REQUIRED: oneOf('tlsRequired', { off: 'off', remote: 'remote', all: 'all' } as const),
  DEBUG_MIN: integer('debugMin', 0),
  ACCEPT: ignored(OBSOLETE),
  REJECT: ignored(OBSOLETE),
  ACL: ignored(OBSOLETE),
};

/** Parses upsd.conf. Throws a ConfigError listing every error. */
export function parseUpsdConf(text: string, file = 'upsd.conf'): UpsdConf {
  const { directives, errors } = readDirectives(text, file);
  const warnings: Diagnostic[] = [];
  const conf: Draft = { ...UPSD_DEFAULTS, listen: [] };
  applyTable(directives, UPSD_KEYWORDS, conf, { file, errors, warnings });
  if (errors.length > 0) throw new ConfigError(errors);
  return deepFreeze({ ...conf, warnings });
}
