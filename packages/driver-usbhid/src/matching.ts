import type { HidDeviceInfo } from './hid-device.js';

/** Power Device vendors NUT's usbhid-ups knows (a device of another vendor needs vendorid). */
export const KNOWN_VENDORS = new Set([
  0x051d, 0x0764, 0x0463, 0x047c, 0x050d, 0x0925, 0x09ae, 0x06da, 0x2b2d,
]);

function matches(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true;
  return new RegExp(`^(?:${pattern})$`, 'i').test(value ?? '');
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * Picks the first device matching ups.conf's `vendorid`, `productid` (regexes on 4-digit hex),
 * `vendor`, `product`, `serial` (regexes, case-insensitive) and `bus` (regex on the path).
 * Without vendorid, only known UPS vendors are considered.
 */
export function matchDevice(
  devices: readonly HidDeviceInfo[],
  options: Readonly<Record<string, string>>,
): HidDeviceInfo | undefined {
  return devices.find(
    (d) =>
      (options.vendorid !== undefined
        ? matches(options.vendorid, hex4(d.vendorId))
        : KNOWN_VENDORS.has(d.vendorId)) &&
      matches(options.productid, hex4(d.productId)) &&
      matches(options.vendor, d.manufacturer) &&
      matches(options.product, d.product) &&
      matches(options.serial, d.serialNumber) &&
      matches(options.bus, d.path),
  );
}
