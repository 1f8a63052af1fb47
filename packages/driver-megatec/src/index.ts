import type { DriverMeta } from '@nut-ts/driver-kit';

export { MegatecDriver } from './megatec-driver.js';
export {
  parseQ1,
  interpretQ1,
  formatQ1,
  MegatecReplyError,
  type Q1Status,
  type Q1Meaning,
} from './protocol/q1.js';
export { parseRatings, parseVendorInfo, type Ratings, type VendorInfo } from './protocol/info.js';
export { shutdownCommand, instantCommand, commandAccepted } from './protocol/commands.js';
export { detectPacks, chargeFromVoltage, RuntimeEstimate } from './protocol/battery.js';
export {
  openTransport,
  openTcpTransport,
  StreamQueries,
  type MegatecTransport,
} from './transport.js';

export const MEGATEC_META: DriverMeta = {
  name: 'nutdrv_qx',
  version: '0.1.0',
  description: 'Generic Q* Serial driver (Megatec/Q1)',
  optionsHelp: `  port = /dev/ttyS0 | tcp://host:port   the serial line, or a simulator over TCP
  protocol = megatec | q1 | mustek | megatec/old
  ondelay = <s> (180)  offdelay = <s> (30)  norating  novendor  ignoresab
  runtimecal = <rt high>,<load high>,<rt low>,<load low>  chargetime = <s>  idleload = <%>
  battery_voltage_reports_one_pack  default.battery.voltage.low/high/nominal  cablepower
`,
};
