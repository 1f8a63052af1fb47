import { readFileSync } from 'node:fs';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { noopLogger, systemClock, type Clock, type Logger } from '@nut-ts/core';
import type { UpsConf, UpsdConf, UpsdUsers } from '@nut-ts/config';
import { Descriptions } from './descriptions.js';
import { bindListeners } from './server.js';
import { Session, type SessionServices } from './session.js';
import { TrackingTable } from './tracking.js';
import { LoginThrottle } from './login-throttle.js';
import { UpsRegistry } from './ups-registry.js';

/** Everything upsd reads from its configuration files. */
export interface UpsdConfig {
  upsd: UpsdConf;
  ups: UpsConf;
  users: UpsdUsers;
  /** Where driver sockets are: $NUT_STATEPATH, upsd.conf STATEPATH or ups.conf statepath. */
  statePath: string;
}

export interface UpsdDeps {
  logger?: Logger;
  clock?: Clock;
  /** Milliseconds before an idle client is dropped. Default 60 000 (NUT). */
  idleTimeoutMs?: number;
  /** Milliseconds between attempts to reach a missing driver. Default 2000. */
  driverRetryMs?: number;
  descriptions?: Descriptions;
}

export interface Upsd {
  /** Binds the LISTEN addresses and starts talking to drivers. */
  listen(): Promise<AddressInfo[]>;
  /**
   * Applies a new configuration without dropping clients (SIGHUP). LISTEN is not re-read.
   * Throws (changing nothing) when the new CERTFILE cannot be used.
   */
  reload(config: UpsdConfig): void;
  close(): Promise<void>;
  addresses(): AddressInfo[];
  /** Connected clients. */
  readonly clientCount: number;
}

/** The TLS context of CERTFILE (certificate, chain and key in one PEM file); throws a clear error. */
function loadTls(upsd: UpsdConf): SecureContext | undefined {
  if (!upsd.certFile) return undefined;
  try {
    const pem = readFileSync(upsd.certFile, 'utf8');
    return createSecureContext({ cert: pem, key: pem, minVersion: 'TLSv1.2' });
  } catch (error) {
    throw new Error(`cannot use CERTFILE ${upsd.certFile}: ${(error as Error).message}`);
  }
}

/**
 * The attachment daemon, without argv, signals or config files (see bin/upsd.ts). Throws when
 * CERTFILE cannot be used.
 */
export function createUpsd(initial: UpsdConfig, deps: UpsdDeps = {}): Upsd {
  const logger = deps.logger ?? noopLogger;
  const clock = deps.clock ?? systemClock;
  let config = initial;
  const tracking = new TrackingTable(clock, config.upsd.trackingDelay);
  const registry = new UpsRegistry({
    statePath: config.statePath,
    maxAge: config.upsd.maxAge,
    clock,
    logger,
    tracking,
    ...(deps.driverRetryMs !== undefined && { driverRetryMs: deps.driverRetryMs }),
  });
  const descriptions = deps.descriptions ?? Descriptions.load(config.upsd.dataPath);
  let tlsContext = loadTls(config.upsd);
  const sessions = new Set<Session>();
  let servers: Server[] = [];

  const throttle = new LoginThrottle(clock);
  const buildServices = (): SessionServices => ({
    registry,
    throttle,
    users: config.users.users,
    tracking,
    descriptions,
    tlsConfigured: tlsContext !== undefined,
    tlsRequired: (address: string) =>
      config.upsd.tlsRequired === 'all' ||
      (config.upsd.tlsRequired === 'remote' && !/^(127\.|::1$)/.test(address)),
  });
  // One shared object, replaced on reload, so sessions need not rebuild their context per line.
  let shared = buildServices();
  const services = () => shared;

  const accept = (socket: Socket) => {
    if (sessions.size >= config.upsd.maxConn) {
      logger.warn(
        { client: socket.remoteAddress, maxConn: config.upsd.maxConn },
        'MAXCONN reached: connection refused',
      );
      socket.destroy();
      return;
    }
    const session: Session = new Session(
      socket,
      services,
      {
        idleTimeoutMs: deps.idleTimeoutMs ?? 60_000,
        maxPendingOutput: 1024 * 1024,
        clock,
        ...(tlsContext && {
          tls: {
            context: tlsContext,
            requestCert: config.upsd.certRequest > 0,
            rejectUnauthorized: config.upsd.certRequest === 2,
          },
        }),
      },
      logger.child({ client: socket.remoteAddress }),
      (closed) => {
        sessions.delete(closed);
        registry.forget(closed);
        logger.debug({ client: closed.address }, 'client disconnected');
      },
    );
    sessions.add(session);
    logger.debug({ client: session.address }, 'client connected');
  };

  return {
    async listen() {
      registry.sync(config.ups.ups);
      servers = await bindListeners(config.upsd.listen, accept, {
        allowNotAll: config.upsd.allowNotAllListeners,
        logger,
      });
      return servers.map((server) => server.address() as AddressInfo);
    },
    reload(next) {
      // Everything that can fail comes first, so a failed reload changes nothing.
      const nextTls = loadTls(next.upsd) ?? tlsContext;
      config = next;
      tlsContext = nextTls;
      tracking.setLifetime(next.upsd.trackingDelay);
      registry.sync(next.ups.ups, { maxAge: next.upsd.maxAge, statePath: next.statePath });
      shared = buildServices();
      logger.info(
        { ups: next.ups.ups.length, users: next.users.users.size },
        'configuration reloaded',
      );
    },
    async close() {
      // server.close() only calls back once every connection is gone: end the sessions first.
      const closed = servers.map((server) => new Promise((resolve) => server.close(resolve)));
      for (const session of [...sessions]) session.close();
      registry.stop();
      await Promise.all(closed);
    },
    addresses: () => servers.map((server) => server.address() as AddressInfo),
    get clientCount() {
      return sessions.size;
    },
  };
}
