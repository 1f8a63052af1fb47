import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { HidBinding, HidDevice, HidDeviceInfo } from '../hid-device.js';

/**
 * node-hid 3 cannot return the report descriptor, but Linux publishes it in sysfs for every
 * hidraw node (`/dev/hidrawN` -> `/sys/class/hidraw/hidrawN/device/report_descriptor`).
 */
async function reportDescriptor(path: string): Promise<Uint8Array> {
  if (!path.startsWith('/dev/hidraw')) {
    throw new Error(
      `cannot read the report descriptor of ${path}: only Linux hidraw devices are supported`,
    );
  }
  return new Uint8Array(
    await readFile(`/sys/class/hidraw/${basename(path)}/device/report_descriptor`),
  );
}

interface NodeHidDevice {
  vendorId: number;
  productId: number;
  path?: string;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
}

interface NodeHidAsync {
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  on(event: 'data', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): Promise<void>;
}

interface NodeHidModule {
  devicesAsync(): Promise<NodeHidDevice[]>;
  HIDAsync: { open(path: string): Promise<NodeHidAsync> };
}

/** The real binding: node-hid (hidraw/libusb), loaded only when a real device is wanted. */
export async function nodeHidBinding(): Promise<HidBinding> {
  const hid = (await import('node-hid')) as unknown as NodeHidModule;
  return {
    async devices(): Promise<HidDeviceInfo[]> {
      return (await hid.devicesAsync()).map((d) => ({
        vendorId: d.vendorId,
        productId: d.productId,
        ...(d.path !== undefined && { path: d.path }),
        ...(d.manufacturer !== undefined && { manufacturer: d.manufacturer }),
        ...(d.product !== undefined && { product: d.product }),
        ...(d.serialNumber !== undefined && { serialNumber: d.serialNumber }),
      }));
    },
    async open(info: HidDeviceInfo): Promise<HidDevice> {
      if (!info.path) throw new Error('device has no path to open');
      const device = await hid.HIDAsync.open(info.path);
      return {
        info,
        getReportDescriptor: () => reportDescriptor(info.path!),
        getFeatureReport: async (id, length) =>
          new Uint8Array(await device.getFeatureReport(id, length)),
        sendFeatureReport: async (data) => {
          await device.sendFeatureReport(Buffer.from(data));
        },
        onInputReport: (listener) => {
          device.on('data', (data) => listener(new Uint8Array(data)));
          device.on('error', () => {});
        },
        close: () => device.close(),
      };
    },
  };
}
