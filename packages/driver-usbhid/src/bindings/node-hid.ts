import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { HidBinding, HidDevice, HidDeviceInfo } from '../hid-device.js';

/**
 * The report descriptor: from node-hid where it offers `getReportDescriptor()` (hidapi 0.14
 * has it on every platform; node-hid 3.4 does not expose it yet), else from Linux sysfs, which
 * publishes it for every hidraw node (`/dev/hidrawN` -> `/sys/class/hidraw/hidrawN/device/`).
 */
async function reportDescriptor(device: NodeHidAsync, path: string): Promise<Uint8Array> {
  if (typeof device.getReportDescriptor === 'function')
    return new Uint8Array(await device.getReportDescriptor());
  if (!path.startsWith('/dev/hidraw')) {
    throw new Error(
      `cannot read the report descriptor of ${path}: this node-hid has no getReportDescriptor() ` +
        'and only Linux hidraw devices publish it in sysfs (upgrade node-hid, or use Linux)',
    );
  }
  return new Uint8Array(
    await readFile(`/sys/class/hidraw/${basename(path)}/device/report_descriptor`),
  );
}

export interface NodeHidDevice {
  vendorId: number;
  productId: number;
  path?: string;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  usagePage?: number;
  usage?: number;
}

export interface NodeHidAsync {
  /** Only in node-hid versions built on hidapi's hid_get_report_descriptor. */
  getReportDescriptor?(): Promise<Buffer | number[]>;
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  on(event: 'data', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/** The part of node-hid's module the binding uses (injectable for tests). */
export interface NodeHidModule {
  devicesAsync(): Promise<NodeHidDevice[]>;
  HIDAsync: { open(path: string): Promise<NodeHidAsync> };
}

/** The real binding: node-hid (hidraw/libusb), loaded only when a real device is wanted. */
export async function nodeHidBinding(
  load: () => Promise<NodeHidModule> = async () =>
    (await import('node-hid')) as unknown as NodeHidModule,
): Promise<HidBinding> {
  const hid = await load();
  return {
    async devices(): Promise<HidDeviceInfo[]> {
      return (await hid.devicesAsync()).map((d) => ({
        vendorId: d.vendorId,
        productId: d.productId,
        ...(d.path !== undefined && { path: d.path }),
        ...(d.manufacturer !== undefined && { manufacturer: d.manufacturer }),
        ...(d.product !== undefined && { product: d.product }),
        ...(d.serialNumber !== undefined && { serialNumber: d.serialNumber }),
        ...(d.usagePage !== undefined && { usagePage: d.usagePage }),
        ...(d.usage !== undefined && { usage: d.usage }),
      }));
    },
    async open(info: HidDeviceInfo): Promise<HidDevice> {
      if (!info.path) throw new Error('device has no path to open');
      const device = await hid.HIDAsync.open(info.path);
      return {
        info,
        getReportDescriptor: () => reportDescriptor(device, info.path!),
        getFeatureReport: async (id, length) =>
          new Uint8Array(await device.getFeatureReport(id, length)),
        sendFeatureReport: async (data) => {
          await device.sendFeatureReport(Buffer.from(data));
        },
        onInputReport: (listener) => {
          device.on('data', (data) => listener(new Uint8Array(data)));
          device.on('error', () => {});
        },
        onError: (listener) => device.on('error', listener),
        close: () => device.close(),
      };
    },
  };
}
