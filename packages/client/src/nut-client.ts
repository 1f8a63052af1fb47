import { EventEmitter } from 'node:events';
import {
  NutError,
  TransportError,
  noopLogger,
  type Logger,
  type TrackingResult,
} from '@nut-ts/core';
import {
  ReplyMismatch,
  decodeList,
  decodeNumLogins,
  decodeOk,
  decodeProtocolVersion,
  decodeSingle,
  decodeText,
  decodeTrackedOk,
  decodeTrackingMode,
  decodeTrackingResult,
  decodeType,
  encodeFsd,
  encodeGetCmdDesc,
  encodeGetDesc,
  encodeGetNumAttach,
  encodeGetNumLogins,
  encodeGetTracking,
  encodeGetType,
  encodeGetUpsDesc,
  encodeGetVar,
  encodeHelp,
  encodeInstcmd,
  encodeListClient,
  encodeListCmd,
  encodeListEnum,
  encodeListRange,
  encodeListRw,
  encodeListUps,
  encodeListVar,
  encodeLogin,
  encodeLogout,
  encodeMaster,
  encodeNetver,
  encodePassword,
  encodePrimary,
  encodeProtver,
  encodeSetTracking,
  encodeSetVar,
  encodeStartTls,
  encodeUsername,
  encodeVer,
  type OkKind,
  type VarType,
} from '@nut-ts/protocol';
import { Connection, type RequestOptions } from './connection.js';
import type { NutClientEvents, NutClientOptions } from './nut-client-options.js';
import { ReconnectPolicy } from './reconnect.js';

export type { NutClientEvents, NutClientOptions, TlsOptions } from './nut-client-options.js';

/**
 * A client of upsd speaking NUT's network protocol 1.3. Requests can be pipelined. ERR replies
 * reject with NutError; connection failures with TransportError.
 */
export class NutClient extends EventEmitter<NutClientEvents> {
  private connection: Connection | undefined;
  private connecting: Promise<void> | undefined;
  private closing = false;
  private readonly policy: ReconnectPolicy | undefined;
  private state: { username?: string; password?: string; login?: string; primary: boolean };
  readonly host: string;
  readonly port: number;

  constructor(private readonly options: NutClientOptions = {}) {
    super();
    this.host = options.host ?? 'localhost';
    this.port = options.port ?? 3493;
    this.state = {
      ...(options.credentials && {
        username: options.credentials.username,
        password: options.credentials.password,
      }),
      ...(options.login !== undefined && { login: options.login }),
      primary: options.primary ?? false,
    };
    if (options.reconnect !== false) this.policy = new ReconnectPolicy(options.reconnect ?? {});
  }

  get connected(): boolean {
    return this.connection !== undefined && !this.connection.closed;
  }

  private get logger(): Logger {
    return this.options.logger ?? noopLogger;
  }

  /** Connects (STARTTLS, credentials and LOGIN as configured). */
  async connect(signal?: AbortSignal): Promise<void> {
    this.closing = false;
    if (this.connected) return;
    this.connecting ??= this.establish(signal).finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Sends LOGOUT, waits briefly for `OK Goodbye`, and closes. No reconnect afterwards. */
  async close(): Promise<void> {
    this.closing = true;
    this.policy?.cancel();
    const connection = this.connection;
    if (!connection || connection.closed) return;
    await connection.request(encodeLogout(), false, { timeoutMs: 1000 }).catch(() => {});
    connection.destroy();
  }

  private async establish(signal?: AbortSignal): Promise<void> {
    const connection = await Connection.open({
      host: this.host,
      port: this.port,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 10_000,
      requestTimeoutMs: this.options.requestTimeoutMs ?? 5_000,
      logger: this.logger,
      ...(signal && { signal }),
    });
    this.connection = connection;
    connection.onClose((error) => this.lost(connection, error));
    try {
      const mode = this.options.tls?.mode ?? 'off';
      if (mode !== 'off') await this.startTls();
      const { username, password, login, primary } = this.state;
      if (username !== undefined) await this.ok(encodeUsername(username), 'plain');
      if (password !== undefined) await this.ok(encodePassword(password), 'plain');
      if (login !== undefined) {
        await this.ok(encodeLogin(login), 'plain');
        if (primary) await this.primary(login);
      }
    } catch (error) {
      // A failed set-up is reported to the caller, not treated as a lost connection.
      this.connection = undefined;
      connection.destroy();
      throw error;
    }
    this.policy?.reset();
    this.emit('connect');
  }

  private lost(connection: Connection, error: TransportError): void {
    if (this.connection !== connection) return;
    this.emit('disconnect', error);
    if (this.closing || !this.policy) return;
    this.policy.schedule(
      async () => {
        await this.connect();
        this.emit('reconnect');
      },
      (failure) => this.logger.debug({ err: failure }, 'reconnect attempt failed'),
    );
  }

  /**
   * Sends a raw line, unchecked, and resolves with the reply lines (a LIST block when `list`).
   * It must be one line: a second one would get a reply that no request waits for.
   */
  async raw(line: string, list = false, options?: RequestOptions): Promise<string[]> {
    if (line.replace(/\n$/, '').includes('\n'))
      throw new RangeError(`raw() sends one line, got ${JSON.stringify(line)}`);
    return this.send(line, list, (lines) => lines, options);
  }

  /**
   * Sends one encoded request; `decode` runs on its reply lines as they complete, so a reply
   * that does not fit closes the connection (PROTOCOL-ERROR) before a later request could be
   * handed the wrong reply.
   */
  private send<T>(
    line: string,
    list: boolean,
    decode: (lines: string[]) => T,
    options?: RequestOptions,
  ): Promise<T> {
    const connection = this.connection;
    if (!connection || connection.closed)
      return Promise.reject(
        new TransportError('CLOSED', `not connected to ${this.host}:${this.port}`),
      );
    return connection.requestDecoded(line, list, decode, options);
  }

  /** Sends a request answered by one line, decoded with `decode`. */
  private request<T>(
    line: string,
    decode: (reply: string) => T,
    options?: RequestOptions,
  ): Promise<T> {
    return this.send(line, false, (lines) => decode(lines[0]!), options);
  }

  /** Sends a LIST request; each item's words after `item` (at least `count`) through `map`. */
  private list<T>(
    line: string,
    query: string[],
    item: string[],
    count: number,
    map: (words: string[]) => T,
    options?: RequestOptions,
  ): Promise<T[]> {
    return this.send(
      line,
      true,
      (lines) => decodeList(lines, query, item, count).map(map),
      options,
    );
  }

  private ok(line: string, kind: OkKind, options?: RequestOptions): Promise<void> {
    return this.request(line, (reply) => decodeOk(reply, kind), options);
  }

  /** VER: the server's banner, e.g. `Network UPS Tools upsd 2.8.0 - ...`. */
  async ver(options?: RequestOptions): Promise<string> {
    return this.request(encodeVer(), decodeText, options);
  }
  /** NETVER: the protocol version, e.g. `1.3`. */
  async netver(options?: RequestOptions): Promise<string> {
    return this.request(encodeNetver(), decodeProtocolVersion, options);
  }
  /** PROTVER: RFC 9271's name for NETVER (NUT 2.8.0 and later). */
  async protver(options?: RequestOptions): Promise<string> {
    return this.request(encodeProtver(), decodeProtocolVersion, options);
  }
  async help(options?: RequestOptions): Promise<string> {
    return this.request(encodeHelp(), decodeText, options);
  }

  async username(name: string, options?: RequestOptions): Promise<void> {
    await this.ok(encodeUsername(name), 'plain', options);
    this.state.username = name;
  }
  async password(password: string, options?: RequestOptions): Promise<void> {
    await this.ok(encodePassword(password), 'plain', options);
    this.state.password = password;
  }
  /** LOGIN: this connection now counts as a system powered by `ups`; restored after reconnects. */
  async login(ups: string, options?: RequestOptions): Promise<void> {
    await this.ok(encodeLogin(ups), 'plain', options);
    this.state.login = ups;
  }
  /** LOGOUT: expects `OK Goodbye`; the server then closes the connection. */
  async logout(options?: RequestOptions): Promise<void> {
    this.state.login = undefined;
    await this.ok(encodeLogout(), 'goodbye', options);
  }
  /** PRIMARY, falling back to MASTER for servers before NUT 2.8. */
  async primary(ups: string, options?: RequestOptions): Promise<void> {
    try {
      await this.ok(encodePrimary(ups), 'primary', options);
    } catch (error) {
      if (
        !(error instanceof NutError) ||
        !['UNKNOWN-COMMAND', 'INVALID-ARGUMENT'].includes(error.code)
      )
        throw error;
      await this.ok(encodeMaster(ups), 'master', options);
    }
    this.state.primary = true;
  }
  /** FSD: sets the forced-shutdown latch (`OK FSD-SET`). */
  async fsd(ups: string, options?: RequestOptions): Promise<void> {
    await this.ok(encodeFsd(ups), 'fsd', options);
  }
  async startTls(): Promise<void> {
    const tls = this.options.tls ?? { mode: 'force' };
    try {
      await this.ok(encodeStartTls(), 'starttls');
    } catch (error) {
      if (tls.mode === 'try' && error instanceof NutError) return;
      throw error instanceof NutError
        ? new TransportError('TLS-FAILED', `the server refused STARTTLS: ${error.code}`)
        : error;
    }
    const verify = tls.verify ?? tls.ca !== undefined;
    await this.connection!.upgradeToTls({
      rejectUnauthorized: verify,
      servername: tls.servername ?? this.host,
      ...(tls.ca !== undefined && { ca: tls.ca }),
      ...(tls.cert !== undefined && { cert: tls.cert }),
      ...(tls.key !== undefined && { key: tls.key }),
      minVersion: 'TLSv1.2',
    });
  }

  async listUps(options?: RequestOptions): Promise<Array<{ name: string; description: string }>> {
    const map = ([name, description]: string[]) => ({ name: name!, description: description! });
    return this.list(encodeListUps(), ['UPS'], ['UPS'], 2, map, options);
  }
  async listVar(
    ups: string,
    options?: RequestOptions,
  ): Promise<Array<{ name: string; value: string }>> {
    const query = ['VAR', ups];
    return this.list(encodeListVar(ups), query, query, 2, nameValue, options);
  }
  async listRw(
    ups: string,
    options?: RequestOptions,
  ): Promise<Array<{ name: string; value: string }>> {
    const query = ['RW', ups];
    return this.list(encodeListRw(ups), query, query, 2, nameValue, options);
  }
  async listCmd(ups: string, options?: RequestOptions): Promise<string[]> {
    const query = ['CMD', ups];
    return this.list(encodeListCmd(ups), query, query, 1, first, options);
  }
  async listEnum(ups: string, name: string, options?: RequestOptions): Promise<string[]> {
    const query = ['ENUM', ups, name];
    return this.list(encodeListEnum(ups, name), query, query, 1, first, options);
  }
  async listRange(
    ups: string,
    name: string,
    options?: RequestOptions,
  ): Promise<Array<{ min: number; max: number }>> {
    const query = ['RANGE', ups, name];
    const map = ([min, max]: string[]) => ({ min: decodeBound(min!), max: decodeBound(max!) });
    return this.list(encodeListRange(ups, name), query, query, 2, map, options);
  }
  async listClient(ups: string, options?: RequestOptions): Promise<string[]> {
    const query = ['CLIENT', ups];
    return this.list(encodeListClient(ups), query, query, 1, first, options);
  }

  async getVar(ups: string, name: string, options?: RequestOptions): Promise<string> {
    const echo = ['VAR', ups, name];
    return this.request(encodeGetVar(ups, name), (r) => decodeSingle(r, echo, 1)[0]!, options);
  }
  async getType(ups: string, name: string, options?: RequestOptions): Promise<VarType> {
    const echo = ['TYPE', ups, name];
    return this.request(
      encodeGetType(ups, name),
      (r) => decodeType(decodeSingle(r, echo, 1)),
      options,
    );
  }
  async getDesc(ups: string, name: string, options?: RequestOptions): Promise<string> {
    const echo = ['DESC', ups, name];
    return this.request(encodeGetDesc(ups, name), (r) => decodeSingle(r, echo, 1)[0]!, options);
  }
  async getCmdDesc(ups: string, name: string, options?: RequestOptions): Promise<string> {
    const echo = ['CMDDESC', ups, name];
    return this.request(encodeGetCmdDesc(ups, name), (r) => decodeSingle(r, echo, 1)[0]!, options);
  }
  async getUpsDesc(ups: string, options?: RequestOptions): Promise<string> {
    const echo = ['UPSDESC', ups];
    return this.request(encodeGetUpsDesc(ups), (r) => decodeSingle(r, echo, 1)[0]!, options);
  }
  /**
   * The active count: how many systems are logged in to `ups`. Accepts a `NUMLOGINS` or an
   * RFC 9271 `NUMATTACH` reply.
   */
  async getNumLogins(ups: string, options?: RequestOptions): Promise<number> {
    return this.request(encodeGetNumLogins(ups), (r) => decodeNumLogins(r, ups), options);
  }
  /**
   * The same count asked with RFC 9271's `GET NUMATTACH`; NUT's own upsd does not know it and
   * answers `ERR INVALID-ARGUMENT`, so prefer {@link getNumLogins}.
   */
  async getNumAttach(ups: string, options?: RequestOptions): Promise<number> {
    return this.request(encodeGetNumAttach(ups), (r) => decodeNumLogins(r, ups), options);
  }

  /**
   * SET VAR; resolves once the server has queued it. With tracking on, the reply carries an id
   * for {@link getTracking}.
   */
  async setVar(
    ups: string,
    name: string,
    value: string,
    options?: RequestOptions,
  ): Promise<{ trackingId?: string }> {
    return this.request(encodeSetVar(ups, name, value), decodeTrackedOk, options);
  }
  /** INSTCMD with an optional parameter (protocol 1.3); returns the tracking id when on. */
  async instcmd(
    ups: string,
    cmd: string,
    param?: string,
    options?: RequestOptions,
  ): Promise<{ trackingId?: string }> {
    return this.request(encodeInstcmd(ups, cmd, param), decodeTrackedOk, options);
  }
  async setTracking(on: boolean, options?: RequestOptions): Promise<void> {
    await this.ok(encodeSetTracking(on), 'plain', options);
  }
  /** GET TRACKING without an id: whether tracking is on for this connection. */
  async getTrackingMode(options?: RequestOptions): Promise<boolean> {
    return this.request(encodeGetTracking(), decodeTrackingMode, options);
  }
  /** GET TRACKING <id>: PENDING, SUCCESS, or the failure word. */
  async getTracking(id: string, options?: RequestOptions): Promise<TrackingResult> {
    return this.request(encodeGetTracking(id), decodeTrackingResult, options);
  }
}

const nameValue = ([name, value]: string[]) => ({ name: name!, value: value! });
const first = ([word]: string[]) => word!;

/** A RANGE bound: NUT prints integers (quoted). */
function decodeBound(word: string): number {
  const value = Number(word);
  if (word.trim() === '' || !Number.isFinite(value))
    throw new ReplyMismatch(`RANGE bound is not a number: '${word}'`);
  return value;
}
