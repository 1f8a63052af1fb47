import type { DriverMeta } from '@nut-ts/driver-kit';

export {
  parseReportDescriptor,
  decodeExponent,
  type ReportField,
  type ReportType,
} from './hid/descriptor-parser.js';
export { readItems, HidDescriptorError, type HidItem } from './hid/items.js';
export {
  extractLogical,
  insertLogical,
  logicalToPhysical,
  physicalToLogical,
  applyExponent,
  removeExponent,
  readField,
} from './hid/values.js';
export { usageName, hidPath } from './hid/usages.js';
export type { HidBinding, HidDevice, HidDeviceInfo } from './hid-device.js';
export { matchDevice, KNOWN_VENDORS } from './matching.js';
export { GENERIC_VARS, GENERIC_STATUS, GENERIC_COMMANDS } from './mapping/generic.js';
export {
  deriveStatus,
  statusTokens,
  type DerivedStatus,
  type OnlineDischarge,
  type StatusFlag,
} from './mapping/status.js';
export {
  parseUsbHidOptions,
  UsbHidOptionError,
  WITHOUT_EFFECT,
  type UsbHidOptions,
} from './options.js';
export { UsbHidDriver } from './usbhid-driver.js';
export { listPowerDevices, isPowerDevice } from './list-devices.js';
export { SUBDRIVERS, pickSubdriver, type Subdriver } from './mapping/subdrivers.js';
export { hidDateText } from './mapping/generic.js';

export const USBHID_META: DriverMeta = {
  name: 'usbhid-ups',
  version: '0.1.0',
  description: 'Generic HID driver (USB HID Power Devices)',
  optionsHelp: `  port = auto
  vendorid, productid, vendor, product, serial, bus   regexes that pick the device
  subdriver = <regex>  apc, cyberpower, mge or generic (default: by vendor ID)
  offdelay = <s> (20; CyberPower 60)  ondelay = <s> (30; CyberPower 120)
  lowbatt = <percent>  battery.charge.low, written to the UPS at start-up
  pollfreq = <s>       seconds between full updates (30; CyberPower 12); the polls
                       between them read only the status bits, charge and runtime
  pollonly             (flag) ignore the interrupt pipe: changes show at the next poll
  interruptonly        (flag) read Feature reports once, then only the interrupt pipe
  interruptsize = <n>  bytes taken from each interrupt report (report ID included)
  onlinedischarge      (flag) OL + DISCHRG is on battery (OB DISCHRG); also
                       onlinedischarge_onbattery, or onlinedischarge_calibration (CAL)
  disable_fix_report_desc  (flag) no descriptor fix-ups (CyberPower voltage limits)
  maxreport            (flag) ask for the largest report on every Feature read
  explore              (flag) log every path of the descriptor with its value
  nolock, device, busport, usb_*: accepted, without effect here
  port = fake:<apc|cyberpower|eaton>  a fake UPS for tests, steered through the Unix
    socket fakecontrol (default $NUT_STATEPATH/usbhid-ups-<upsname>.fake)

usbhid-ups --list   prints the HID UPSes node-hid sees as ups.conf sections
`,
};
