import { ConfigError, deepFreeze, type Diagnostic } from './diagnostics.js';
import { parseBoolean, parseInteger, readDirectives } from './directives.js';

/** One LISTEN line. */
export interface ListenAddress {
  address: string;
  /** TCP port; 3493 when not given. */
  port: number;
}

/** upsd.conf. Times in seconds. */
export interface UpsdConf {
  /** LISTEN lines in order; empty means NUT's default, 127.0.0.1 and ::1 on 3493. */
  listen: ListenAddress[];
  /** Seconds after which driver data is stale. Default 15. */
  maxAge: number;
  /** Most simultaneous connections. Default 1024. */
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
  allowNoDevice: boolean;
  allowNotAllListeners: boolean;
  /**
   * nut-ts extension (RFC 9271 §6.2): `off` (default, as NUT), `remote` (clients not on loopback
   * must STARTTLS first), `all` (every client must).
   */
  tlsRequired: 'off' | 'remote' | 'all';
  debugMin?: number;
  warnings: Diagnostic[];
}

const CERT_REQUEST: Record<string, 0 | 1 | 2> = {
  '0': 0,
  '1': 1,
  '2': 2,
  NO: 0,
  REQUEST: 1,
  REQUIRE: 2,
};

/** Parses upsd.conf. Throws a ConfigError listing every error. */
export function parseUpsdConf(text: string, file = 'upsd.conf'): UpsdConf {
  const { directives, errors } = readDirectives(text, file);
  const warnings: Diagnostic[] = [];
  const conf: UpsdConf = {
    listen: [],
    maxAge: 15,
    maxConn: 1024,
    trackingDelay: 3600,
    certRequest: 0,
    disableWeakSsl: false,
    allowNoDevice: false,
    allowNotAllListeners: false,
    tlsRequired: 'off',
    warnings,
  };
  for (const { words, line } of directives) {
    const [keyword, a, b] = words as [string, string | undefined, string | undefined];
    const error = (message: string) => errors.push({ file, line, message });
    const need = (count: number) => {
      if (words.length - 1 >= count) return true;
      error(`${keyword} needs ${count} argument${count > 1 ? 's' : ''}`);
      return false;
    };
    const integer = (min: number) => {
      const value = parseInteger(a, min);
      if (value === undefined)
        error(`${keyword} must be a whole number >= ${min}, not '${a ?? ''}'`);
      return value;
    };
    const boolean = () => {
      const value = parseBoolean(a);
      if (value === undefined) error(`${keyword} must be true or false, not '${a ?? ''}'`);
      return value ?? false;
    };
    switch (keyword.toUpperCase() === 'DEBUG_MIN' ? 'DEBUG_MIN' : keyword) {
      case 'LISTEN': {
        if (!need(1)) break;
        const port = b === undefined ? 3493 : parseInteger(b, 1, 65535);
        if (port === undefined) error(`LISTEN port must be 1-65535, not '${b}'`);
        else conf.listen.push({ address: a!, port });
        break;
      }
      case 'MAXAGE':
        if (need(1)) conf.maxAge = integer(1) ?? conf.maxAge;
        break;
      case 'MAXCONN':
        if (need(1)) conf.maxConn = integer(1) ?? conf.maxConn;
        break;
      case 'TRACKINGDELAY':
        if (need(1)) conf.trackingDelay = integer(0) ?? conf.trackingDelay;
        break;
      case 'STATEPATH':
        if (need(1)) conf.statePath = a!;
        break;
      case 'DATAPATH':
        if (need(1)) conf.dataPath = a!;
        break;
      case 'CERTFILE':
        if (need(1)) conf.certFile = a!;
        break;
      case 'CERTPATH':
        if (need(1)) conf.certPath = a!;
        break;
      case 'CERTIDENT':
        if (need(2)) conf.certIdent = { name: a!, password: b! };
        break;
      case 'CERTREQUEST': {
        if (!need(1)) break;
        const level = CERT_REQUEST[a!.toUpperCase()];
        if (level === undefined)
          error(`CERTREQUEST must be 0, 1, 2, NO, REQUEST or REQUIRE, not '${a}'`);
        else conf.certRequest = level;
        break;
      }
      case 'DISABLE_WEAK_SSL':
        if (need(1)) conf.disableWeakSsl = boolean();
        break;
      case 'ALLOW_NO_DEVICE':
        if (need(1)) conf.allowNoDevice = boolean();
        break;
      case 'ALLOW_NOT_ALL_LISTENERS':
        if (need(1)) conf.allowNotAllListeners = boolean();
        break;
      case 'TLS_REQUIRED': {
        if (!need(1)) break;
        const level = a!.toLowerCase();
        if (level === 'off' || level === 'remote' || level === 'all') conf.tlsRequired = level;
        else error(`TLS_REQUIRED must be off, remote or all, not '${a}'`);
        break;
      }
      case 'DEBUG_MIN':
        if (need(1)) conf.debugMin = integer(0) ?? 0;
        break;
      case 'ACCEPT':
      case 'REJECT':
      case 'ACL':
        warnings.push({
          file,
          line,
          message: `${keyword} is obsolete since NUT 2.4 and ignored: use LISTEN and a firewall`,
        });
        break;
      default:
        warnings.push({ file, line, message: `unknown keyword '${keyword}' ignored` });
    }
  }
  if (errors.length > 0) throw new ConfigError(errors);
  return deepFreeze(conf);
}
