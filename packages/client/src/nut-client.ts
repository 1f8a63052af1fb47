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
  decodeSingle,
  decodeType,
  encodeLine,
  replyWords,
  type VarType,
} from '@nut-ts/protocol';
import { Connection, type RequestOptions } from './connection.js';
import { ReconnectPolicy } from './reconnect.js';

/** STARTTLS settings. */
export interface TlsOptions {
  /** off: never; try: STARTTLS, plaintext if the server cannot; force: fail without TLS. */
  mode: 'off' | 'try' | 'force';
  /** PEM CA certificate(s) to verify the server with. */
  ca?: string | Buffer;
  /** Verify the server certificate (default true when `ca` is given). */
  verify?: boolean;
  servername?: string;
  cert?: string | Buffer;
  key?: string | Buffer;
}

export interface NutClientOptions {
  host?: string;
  /** Default 3493. */
  port?: number;
  /** Default 10 000 ms (NUT's clients). */
  connectTimeoutMs?: number;
  /** Default 5 000 ms (NUT's network timeout). */
  requestTimeoutMs?: number;
  logger?: Logger;
  tls?: TlsOptions;
  /** Reconnect after an unexpected close, restoring TLS, credentials and LOGIN. Default on. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number } | false;
  credentials?: { username: string; password: string };
  /** UPS to LOGIN to after connecting (and after every reconnect). */
  login?: string;
  /** Also claim PRIMARY for `login` (MASTER on servers older than 2.8). */
  primary?: boolean;
}

export interface NutClientEvents {
  connect: [];
  disconnect: [TransportError];
  reconnect: [];
}

const wire = (words: string[]) => encodeLine(words);

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
    await connection.request('LOGOUT', false, { timeoutMs: 1000 }).catch(() => {});
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
      if (username !== undefined) await this.ok(['USERNAME', username]);
      if (password !== undefined) await this.ok(['PASSWORD', password]);
      if (login !== undefined) {
        await this.ok(['LOGIN', login]);
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

  /** Sends a raw line; resolves with the reply lines (a LIST block when `list`). */
  async raw(line: string, list = false, options?: RequestOptions): Promise<string[]> {
    const connection = this.connection;
    if (!connection || connection.closed)
      throw new TransportError('CLOSED', `not connected to ${this.host}:${this.port}`);
    return connection.request(line, list, options);
  }

  private async single(
    words: string[],
    echo: string[],
    count: number,
    options?: RequestOptions,
  ): Promise<string[]> {
    const [line] = await this.raw(wire(words), false, options);
    return this.decode(() => decodeSingle(line!, echo, count));
  }

  private async list(
    query: string[],
    item: string[],
    options?: RequestOptions,
  ): Promise<string[][]> {
    const lines = await this.raw(wire(['LIST', ...query]), true, options);
    return this.decode(() => decodeList(lines, query, item));
  }

  private decode<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ReplyMismatch) {
        this.connection?.destroy(new TransportError('PROTOCOL-ERROR', error.message));
        throw new TransportError('PROTOCOL-ERROR', error.message);
      }
      throw error;
    }
  }

  private async ok(words: string[], options?: RequestOptions): Promise<string[]> {
    const [line] = await this.raw(wire(words), false, options);
    return this.decode(() => {
      const reply = replyWords(line!);
      if (reply[0] !== 'OK') throw new ReplyMismatch(`expected OK to ${words[0]}, got '${line}'`);
      return reply.slice(1);
    });
  }

  private async text(command: string, options?: RequestOptions): Promise<string> {
    const [line] = await this.raw(`${command}\n`, false, options);
    const error = NutError.fromReply(line!);
    if (error) throw error;
    return line!;
  }

  ver(options?: RequestOptions): Promise<string> {
    return this.text('VER', options);
  }
  netver(options?: RequestOptions): Promise<string> {
    return this.text('NETVER', options);
  }
  help(options?: RequestOptions): Promise<string> {
    return this.text('HELP', options);
  }

  async username(name: string, options?: RequestOptions): Promise<void> {
    await this.ok(['USERNAME', name], options);
    this.state.username = name;
  }
  async password(password: string, options?: RequestOptions): Promise<void> {
    await this.ok(['PASSWORD', password], options);
    this.state.password = password;
  }
  /** LOGIN: this connection now counts as a system powered by `ups`; restored after reconnects. */
  async login(ups: string, options?: RequestOptions): Promise<void> {
    await this.ok(['LOGIN', ups], options);
    this.state.login = ups;
  }
  async logout(options?: RequestOptions): Promise<void> {
    this.state.login = undefined;
    await this.ok(['LOGOUT'], options);
  }
  /** PRIMARY, falling back to MASTER for servers before NUT 2.8. */
  async primary(ups: string, options?: RequestOptions): Promise<void> {
    try {
      await this.ok(['PRIMARY', ups], options);
    } catch (error) {
      if (
        !(error instanceof NutError) ||
        !['UNKNOWN-COMMAND', 'INVALID-ARGUMENT'].includes(error.code)
      )
        throw error;
      await this.ok(['MASTER', ups], options);
    }
    this.state.primary = true;
  }
  async fsd(ups: string, options?: RequestOptions): Promise<void> {
    await this.ok(['FSD', ups], options);
  }
  async startTls(): Promise<void> {
    const tls = this.options.tls ?? { mode: 'force' };
    try {
      await this.ok(['STARTTLS']);
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
    return (await this.list(['UPS'], ['UPS'], options)).map(([name = '', description = '']) => ({
      name,
      description,
    }));
  }
  async listVar(
    ups: string,
    options?: RequestOptions,
  ): Promise<Array<{ name: string; value: string }>> {
    return (await this.list(['VAR', ups], ['VAR', ups], options)).map(
      ([name = '', value = '']) => ({ name, value }),
    );
  }
  async listRw(
    ups: string,
    options?: RequestOptions,
  ): Promise<Array<{ name: string; value: string }>> {
    return (await this.list(['RW', ups], ['RW', ups], options)).map(([name = '', value = '']) => ({
      name,
      value,
    }));
  }
  async listCmd(ups: string, options?: RequestOptions): Promise<string[]> {
    return (await this.list(['CMD', ups], ['CMD', ups], options)).map(([name = '']) => name);
  }
  async listEnum(ups: string, name: string, options?: RequestOptions): Promise<string[]> {
    return (await this.list(['ENUM', ups, name], ['ENUM', ups, name], options)).map(
      ([value = '']) => value,
    );
  }
  async listRange(
    ups: string,
    name: string,
    options?: RequestOptions,
  ): Promise<Array<{ min: number; max: number }>> {
    const items = await this.list(['RANGE', ups, name], ['RANGE', ups, name], options);
    return items.map(([min = '0', max = '0']) => ({ min: Number(min), max: Number(max) }));
  }
  async listClient(ups: string, options?: RequestOptions): Promise<string[]> {
    return (await this.list(['CLIENT', ups], ['CLIENT', ups], options)).map(
      ([address = '']) => address,
    );
  }

  async getVar(ups: string, name: string, options?: RequestOptions): Promise<string> {
    return (await this.single(['GET', 'VAR', ups, name], ['VAR', ups, name], 1, options))[0]!;
  }
  async getType(ups: string, name: string, options?: RequestOptions): Promise<VarType> {
    return decodeType(
      await this.single(['GET', 'TYPE', ups, name], ['TYPE', ups, name], 1, options),
    );
  }
  async getDesc(ups: string, name: string, options?: RequestOptions): Promise<string> {
    return (await this.single(['GET', 'DESC', ups, name], ['DESC', ups, name], 1, options))[0]!;
  }
  async getCmdDesc(ups: string, name: string, options?: RequestOptions): Promise<string> {
    return (
      await this.single(['GET', 'CMDDESC', ups, name], ['CMDDESC', ups, name], 1, options)
    )[0]!;
  }
  async getUpsDesc(ups: string, options?: RequestOptions): Promise<string> {
    return (await this.single(['GET', 'UPSDESC', ups], ['UPSDESC', ups], 1, options))[0]!;
  }
  /** The active count: how many systems are logged in to `ups`. */
  async getNumLogins(ups: string, options?: RequestOptions): Promise<number> {
    const [count] = await this.single(['GET', 'NUMLOGINS', ups], ['NUMLOGINS', ups], 1, options);
    const value = Number(count);
    if (!Number.isInteger(value))
      throw new TransportError('PROTOCOL-ERROR', `NUMLOGINS is not a number: ${count}`);
    return value;
  }

  /** SET VAR; with tracking on, the reply carries an id for {@link getTracking}. */
  async setVar(
    ups: string,
    name: string,
    value: string,
    options?: RequestOptions,
  ): Promise<{ trackingId?: string }> {
    return tracking(await this.ok(['SET', 'VAR', ups, name, value], options));
  }
  async instcmd(
    ups: string,
    cmd: string,
    param?: string,
    options?: RequestOptions,
  ): Promise<{ trackingId?: string }> {
    const words = ['INSTCMD', ups, cmd, ...(param === undefined ? [] : [param])];
    return tracking(await this.ok(words, options));
  }
  async setTracking(on: boolean, options?: RequestOptions): Promise<void> {
    await this.ok(['SET', 'TRACKING', on ? 'ON' : 'OFF'], options);
  }
  /** GET TRACKING <id>: PENDING, SUCCESS, or the failure word. */
  async getTracking(id: string, options?: RequestOptions): Promise<TrackingResult> {
    const [line] = await this.raw(wire(['GET', 'TRACKING', id]), false, options);
    const error = NutError.fromReply(line!);
    if (error) {
      if (['UNKNOWN', 'INVALID-ARGUMENT', 'FAILED'].includes(error.code))
        return error.code as TrackingResult;
      throw error;
    }
    if (line === 'PENDING' || line === 'SUCCESS') return line;
    throw new TransportError('PROTOCOL-ERROR', `unexpected TRACKING reply: ${line}`);
  }
}

function tracking(rest: string[]): { trackingId?: string } {
  return rest[0] === 'TRACKING' && rest[1] ? { trackingId: rest[1] } : {};
}
