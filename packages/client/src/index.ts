export { NutClient } from './nut-client.js';
export type { NutClientOptions, NutClientEvents, TlsOptions } from './nut-client-options.js';
export { Connection, type RequestOptions } from './connection.js';
export { parseUpsId, parseHostPort, type UpsId } from './ups-id.js';
export type { VarType } from '@nut-ts/protocol';
export { PushLink, type PushLinkEvents } from './push/push-link.js';
export { parseChangeLine, type PushedChange } from './push/change-line.js';
