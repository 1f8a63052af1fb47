export { ConfigError, confPath, formatDiagnostic, type Diagnostic } from './diagnostics.js';
export {
  parseUpsConf,
  UPS_GLOBAL_DEFAULTS,
  UPS_GLOBAL_KEYS,
  type UpsConf,
  type UpsGlobals,
  type UpsSection,
} from './ups-conf.js';
export {
  parseUpsdConf,
  UPSD_DEFAULTS,
  UPSD_KEYWORDS,
  type UpsdConf,
  type ListenAddress,
} from './upsd-conf.js';
export { parseUpsdUsers, type UpsdUsers, type UpsdUser } from './upsd-users.js';
export {
  parseUpsmonConf,
  UPSMON_DEFAULTS,
  UPSMON_KEYWORDS,
  type UpsmonConf,
  type MonitorEntry,
} from './upsmon-conf.js';
export {
  NOTIFY_MESSAGES,
  NOTIFY_TYPES,
  type NotifyType,
  type NotifyFlags,
} from './notify-types.js';
export type { Rule, Table } from './table.js';
export { parseSystem } from './monitor-system.js';
export { loadUpsConf, loadUpsdConf, loadUpsdUsers, loadUpsmonConf } from './load.js';
