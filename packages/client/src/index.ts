export {
  NutClient,
  type NutClientOptions,
  type NutClientEvents,
  type TlsOptions,
} from './nut-client.js';
export { Connection, type RequestOptions } from './connection.js';
export { parseUpsId, parseHostPort, type UpsId } from './ups-id.js';
export type { VarType } from '@nut-ts/protocol';
