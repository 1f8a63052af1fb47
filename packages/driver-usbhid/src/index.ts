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
export { GENERIC_VARS, GENERIC_STATUS, GENERIC_COMMANDS, statusTokens } from './mapping/generic.js';
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
  pollonly             (flag) ignore the interrupt pipe, read everything each poll
  disable_fix_report_desc  (flag) no descriptor fix-ups (CyberPower voltage limits)
  offdelay = <s> (20; CyberPower 60)  ondelay = <s> (30; CyberPower 120)
  port = fake:<apc|cyberpower|eaton>  a fake UPS for tests, steered through the Unix
    socket fakecontrol (default $NUT_STATEPATH/usbhid-ups-<upsname>.fake)

usbhid-ups --list   prints the HID UPSes node-hid sees as ups.conf sections
`,
};
