import type { HidBinding, HidDeviceInfo } from './hid-device.js';
import { KNOWN_VENDORS } from './matching.js';

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** A HID device that looks like a UPS: a Power Device or Battery System page, or a UPS vendor. */
export function isPowerDevice(device: HidDeviceInfo): boolean {
  if (device.usagePage === 0x84 || device.usagePage === 0x85) return true;
  return KNOWN_VENDORS.has(device.vendorId);
}

/** A ups.conf value: quoted, with `\` and `"` escaped (NUT's parseconf rules). */
const quote = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * A regex that matches `text` (ups.conf's vendor, product and serial are regexes). A `.` is
 * left as it is: it matches itself too, and model names are full of them.
 */
const literal = (text: string) => text.replace(/[*+?^${}()|[\]\\]/g, (c) => `\\${c}`);

/**
 * The UPSes the binding can see, as ups.conf sections (`nutdev1`, `nutdev2`... as nut-scanner
 * names them) that match each device exactly; one section per device even when the OS lists
 * several HID interfaces of it.
 */
export async function listPowerDevices(binding: HidBinding): Promise<string> {
  const seen = new Set<string>();
  const sections: string[] = [];
  for (const device of await binding.devices()) {
    if (!isPowerDevice(device)) continue;
    const key = [device.vendorId, device.productId, device.serialNumber ?? device.path].join(':');
    if (seen.has(key)) continue;
    seen.add(key);
    const lines = [
      `[nutdev${sections.length + 1}]`,
      '  driver = "usbhid-ups"',
      '  port = "auto"',
      `  vendorid = "${hex4(device.vendorId)}"`,
      `  productid = "${hex4(device.productId)}"`,
    ];
    if (device.manufacturer) lines.push(`  vendor = ${quote(literal(device.manufacturer))}`);
    if (device.product) lines.push(`  product = ${quote(literal(device.product))}`);
    if (device.serialNumber) lines.push(`  serial = ${quote(literal(device.serialNumber))}`);
    if (device.path) lines.push(`  # path: ${device.path}`);
    sections.push(lines.join('\n'));
  }
  return sections.length ? `${sections.join('\n\n')}\n` : '';
}
