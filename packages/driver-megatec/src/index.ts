import type { DriverMeta } from '@nut-ts/driver-kit';

export { MegatecDriver, type MegatecDriverDeps } from './megatec-driver.js';
export { parseMegatecOptions, DriverOptionError, type MegatecOptions } from './driver/options.js';
export { detectDialect, MAX_TRIES, type Detected } from './driver/detect.js';
export { BatteryState, type BatteryReading } from './driver/battery-state.js';
export { parseQ1, formatQ1, printable, MegatecReplyError, type Q1Status } from './protocol/q1.js';
export { interpretQ1, type Q1Meaning } from './protocol/status-bits.js';
export {
  parseRatings,
  formatRatings,
  parseVendorInfo,
  formatVendorInfo,
  type Ratings,
  type VendorInfo,
  type VendorLayout,
} from './protocol/info.js';
export {
  shutdownCommand,
  instantCommand,
  commandAccepted,
  settableDelay,
  CommandArgumentError,
  MEGATEC_COMMANDS,
  DELAY_RANGES,
  type Delays,
} from './protocol/commands.js';
export { DIALECTS, findDialect, type Dialect } from './protocol/dialects.js';
export {
  detectPacks,
  chargeFromVoltage,
  defaultVoltageLimits,
  RuntimeEstimate,
  type RuntimeCalibration,
} from './protocol/battery.js';
export {
  LineTransport,
  parseTcpPort,
  type MegatecTransport,
  type ByteLink,
  type LinkEvents,
  type LinkOpener,
} from './transport.js';
export { openTransport } from './bindings/open.js';
export { tcpLink } from './bindings/tcp.js';
export {
  serialLink,
  CABLE_POWER,
  type SerialOptions,
  type SerialBinding,
} from './bindings/serial.js';

/** Program facts for the driver kit's command line. */
export const MEGATEC_META: DriverMeta = {
  name: 'nutdrv_qx',
  version: '0.1.0',
  description: 'Generic Q* Serial driver (Megatec/Q1)',
  optionsHelp: `  port = /dev/ttyS0 | tcp://host:port   the serial line, or a simulator over TCP
  protocol = megatec | megatec/old | mustek | q1   (detected when not given)
  ondelay = <s> (180)   offdelay = <s> (30)   stayoff (-k keeps the load off)
  norating   novendor   ignoresab   cablepower = normal | reverse | both | none
  runtimecal = <runtime high>,<load high>,<runtime low>,<load low>
  chargetime = <s> (43200)   idleload = <%> (10)   pollfreq = <s> (30)
  battery_voltage_reports_one_pack   vendorlayout = classic | ic
  default.battery.voltage.low/high/nominal, default.battery.packs
`,
};
