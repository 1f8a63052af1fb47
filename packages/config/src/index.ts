export { ConfigError, confPath, formatDiagnostic, type Diagnostic } from './diagnostics.js';
export { parseUpsConf, type UpsConf, type UpsGlobals, type UpsSection } from './ups-conf.js';
export { parseUpsdConf, type UpsdConf, type ListenAddress } from './upsd-conf.js';
export { parseUpsdUsers, type UpsdUsers, type UpsdUser } from './upsd-users.js';
export { parseUpsmonConf, type UpsmonConf, type MonitorEntry } from './upsmon-conf.js';
export {
  NOTIFY_MESSAGES,
  NOTIFY_TYPES,
  type NotifyType,
  type NotifyFlags,
} from './notify-types.js';
export { parseSystem } from './monitor-system.js';
export { loadUpsConf, loadUpsdConf, loadUpsdUsers, loadUpsmonConf } from './load.js';
