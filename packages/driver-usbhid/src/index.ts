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

export const USBHID_META: DriverMeta = {
  name: 'usbhid-ups',
  version: '0.1.0',
  description: 'Generic HID driver (USB HID Power Devices)',
  optionsHelp: `  port = auto
  vendorid, productid, vendor, product, serial, bus   regexes that pick the device
  offdelay = <s> (20)  ondelay = <s> (30)
`,
};
