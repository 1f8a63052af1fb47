import type { Logger } from '@nut-ts/core';
import type { UpsdUser } from '@nut-ts/config';
import type { NetRequest } from '@nut-ts/protocol';
import type { Descriptions } from '../descriptions.js';
import type { TrackingTable } from '../tracking.js';
import type { LoginThrottle } from '../login-throttle.js';
import type { ClientRef, UpsEntry, UpsRegistry } from '../ups-registry.js';

export { errorReply as err } from '@nut-ts/protocol';

/** What upsd remembers about one connection. */
export interface SessionState {
  username?: string;
  password?: string;
  /** The UPS this connection is logged in to (one LOGIN per connection). */
  loginUps?: UpsEntry;
  tracking: boolean;
  tls: boolean;
}

/** Everything a command handler may use. */
export interface CommandContext {
  state: SessionState;
  client: ClientRef;
  registry: UpsRegistry;
  users: ReadonlyMap<string, UpsdUser>;
  tracking: TrackingTable;
  descriptions: Descriptions;
  throttle: LoginThrottle;
  /** Whether this client must STARTTLS before anything else (upsd.conf TLS_REQUIRED). */
  tlsRequired: (address: string) => boolean;
  /** Whether STARTTLS can be offered (a certificate is configured). */
  tlsConfigured: boolean;
  logger: Logger;
}

/** A handler's answer: reply text, and what the session must do after sending it. */
export type CommandResult = string | { reply: string; then: 'close' | 'starttls' };

/** Handles one decoded request of kind `K`. */
export type Handler<K extends NetRequest['kind']> = (
  request: Extract<NetRequest, { kind: K }>,
  ctx: CommandContext,
) => CommandResult;
