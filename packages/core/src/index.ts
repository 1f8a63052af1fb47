export {
  NUT_ERROR_CODES,
  TRANSPORT_ERROR_CODES,
  NutError,
  TransportError,
  isNutErrorCode,
  type NutErrorCode,
  type TransportErrorCode,
} from './errors.js';
export {
  STATUS_TOKENS,
  parseStatus,
  formatStatus,
  hasStatus,
  sameStatus,
  type StatusToken,
} from './status.js';
export { STANDARD_INSTCMDS, type StandardInstCmd } from './instcmds.js';
export { VAR, NUT_PORT, NUT_PROTOCOL_VERSION, NUT_COMPAT_VERSION } from './names.js';
export {
  emptyFlags,
  type VarFlags,
  type VarInfo,
  type TrackingResult,
  type MonitorRole,
} from './types.js';
export { noopLogger, type Logger, type LogFn } from './logger.js';
export { systemClock, ManualClock, monotonicNow, type Clock, type TimerHandle } from './clock.js';
export { notifySystemd } from './systemd.js';
export { dropPrivileges, lookupUser } from './privileges.js';
export { readHead, writeWholeFile } from './state-files.js';
