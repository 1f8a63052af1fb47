import { describe, expect, it } from 'vitest';
import { parseUpsConf } from '@nut-ts/config';
import { listPowerDevices } from '../list-devices.js';
import { matchDevice } from '../matching.js';
import { nodeHidBinding, type NodeHidAsync, type NodeHidModule } from './node-hid.js';

/** node-hid as the binding sees it, with a device list and optionally getReportDescriptor. */
function fakeNodeHid(withDescriptor: boolean): NodeHidModule {
  const opened: Partial<NodeHidAsync> = {
    getFeatureReport: async (id) => Buffer.from([id, 42]),
    sendFeatureReport: async (data) => data.length,
    on: () => {},
    close: async () => {},
    ...(withDescriptor && { getReportDescriptor: async () => Buffer.from([0x05, 0x84, 0xc0]) }),
  };
  return {
    devicesAsync: async () => [
      { vendorId: 0x046d, productId: 0xc52b, path: 'IOService:/mouse', product: 'Receiver' },
      {
        vendorId: 0x1234,
        productId: 0x0001,
        path: 'IOService:/ups',
        manufacturer: 'Some (OEM)',
        product: 'UPS 1000+',
        serialNumber: 'S/N "7"',
        usagePage: 0x84,
        usage: 0x04,
      },
      { vendorId: 0x051d, productId: 0x0002, path: '/dev/hidraw3', serialNumber: 'AB1' },
      { vendorId: 0x051d, productId: 0x0002, path: '/dev/hidraw4', serialNumber: 'AB1' },
    ],
    HIDAsync: { open: async () => opened as NodeHidAsync },
  };
}

describe('node-hid binding', () => {
  it('reads the report descriptor through node-hid where it can (macOS, Windows)', async () => {
    const binding = await nodeHidBinding(async () => fakeNodeHid(true));
    const [, ups] = await binding.devices();
    const device = await binding.open(ups!);
    expect([...(await device.getReportDescriptor())]).toEqual([0x05, 0x84, 0xc0]);
    expect([...(await device.getFeatureReport(7, 2))]).toEqual([7, 42]);
  });

  it('says why when neither node-hid nor sysfs can give the descriptor', async () => {
    const binding = await nodeHidBinding(async () => fakeNodeHid(false));
    const [, ups] = await binding.devices();
    const device = await binding.open(ups!);
    await expect(device.getReportDescriptor()).rejects.toThrow(/no getReportDescriptor\(\)/);
  });

  it('--list: UPSes (Power Device page or UPS vendor) as ups.conf sections, once each', async () => {
    const binding = await nodeHidBinding(async () => fakeNodeHid(false));
    expect(await listPowerDevices(binding)).toBe(
      [
        '[nutdev1]',
        '  driver = "usbhid-ups"',
        '  port = "auto"',
        '  vendorid = "1234"',
        '  productid = "0001"',
        '  vendor = "Some \\\\(OEM\\\\)"',
        '  product = "UPS 1000\\\\+"',
        '  serial = "S/N \\"7\\""',
        '  # path: IOService:/ups',
        '',
        '[nutdev2]',
        '  driver = "usbhid-ups"',
        '  port = "auto"',
        '  vendorid = "051d"',
        '  productid = "0002"',
        '  serial = "AB1"',
        '  # path: /dev/hidraw3',
        '',
      ].join('\n'),
    );
  });

  it('--list prints sections that ups.conf reads back and that pick exactly the device listed', async () => {
    const binding = await nodeHidBinding(async () => fakeNodeHid(false));
    const devices = await binding.devices();
    const conf = parseUpsConf(await listPowerDevices(binding));
    expect(conf.ups.map((u) => matchDevice(devices, u.options)?.path)).toEqual([
      'IOService:/ups',
      '/dev/hidraw3',
    ]);
  });
});
