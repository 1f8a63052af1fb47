import { describe, expect, it } from 'vitest';
import { ManualClock, noopLogger } from '@nut-ts/core';
import { StateStore, StatusBuilder, type DriverContext } from '@nut-ts/driver-kit';
import { DescriptorBuilder } from './mock/descriptor-builder.js';
import type { HidDevice, HidDeviceInfo } from './hid-device.js';
import { pickSubdriver } from './mapping/subdrivers.js';
import { UsbHidDriver } from './usbhid-driver.js';

/**
 * A CyberPower-like device whose firmware gives Output.Voltage the logical limits of
 * Input.HighVoltageTransfer (136…142), as NUT's CPS fix-up expects.
 */
function cyberPowerLike(outputVolts: number): HidDevice {
  const b = new DescriptorBuilder();
  b.usagePage(0x84).usage(0x04).collection('application');
  b.usage(0x1a)
    .collection('physical')
    .reportId(0x10)
    .reportSize(8)
    .reportCount(1)
    .logical(136, 142)
    .usage(0x54)
    .feature()
    .end();
  b.usage(0x1c)
    .collection('physical')
    .reportId(0x12)
    .reportSize(16)
    .reportCount(1)
    .logical(136, 142)
    .usage(0x30)
    .feature()
    .end();
  b.end();
  const info: HidDeviceInfo = {
    vendorId: 0x0764,
    productId: 0x0501,
    manufacturer: 'CPS',
    product: 'Value1500',
    path: 'fake:cps',
  };
  return {
    info,
    getReportDescriptor: async () => b.build(),
    getFeatureReport: async (id) =>
      id === 0x10
        ? Uint8Array.of(0x10, 140)
        : Uint8Array.of(0x12, outputVolts & 0xff, outputVolts >> 8),
    sendFeatureReport: async () => {},
    onInputReport: () => {},
    close: async () => {},
  };
}

function context(options: Record<string, string> = {}): DriverContext {
  const store = new StateStore();
  return {
    upsName: 'cps',
    store,
    status: new StatusBuilder(store),
    options: { port: 'auto', ...options },
    flags: [],
    confDir: '/',
    logger: noopLogger,
    clock: new ManualClock(0),
  };
}

describe('vendor subdrivers', () => {
  it('are picked by vendor ID or by the subdriver option', () => {
    expect(pickSubdriver(0x051d).name).toBe('apc');
    expect(pickSubdriver(0x0764).name).toBe('cyberpower');
    expect(pickSubdriver(0x0463).name).toBe('mge');
    expect(pickSubdriver(0x1234).name).toBe('generic');
    expect(pickSubdriver(0x051d, 'cyber.*').name).toBe('cyberpower');
  });

  it('CyberPower: the output voltage is not clamped to the transfer limits (descriptor fix-up) and delays default to 60/120 s', async () => {
    const device = cyberPowerLike(230);
    const ctx = context();
    const driver = new UsbHidDriver(async () => ({
      devices: async () => [device.info],
      open: async () => device,
    }));
    await driver.init(ctx);
    await driver.update(ctx);
    expect(ctx.store.getInfo('output.voltage')).toBe('230.0');
    expect(ctx.store.getInfo('input.transfer.high')).toBe('140');
    expect(ctx.store.getInfo('ups.delay.shutdown')).toBe('60');
    expect(ctx.store.getInfo('ups.delay.start')).toBe('120');
    expect(ctx.store.getInfo('driver.version.data')).toBe('cyberpower HID 0.1');
  });

  it('without the fix-up (generic subdriver) the same report would be clamped, which is the firmware bug', async () => {
    const device = cyberPowerLike(230);
    const ctx = context({ subdriver: 'generic' });
    const driver = new UsbHidDriver(async () => ({
      devices: async () => [device.info],
      open: async () => device,
    }));
    await driver.init(ctx);
    await driver.update(ctx);
    expect(ctx.store.getInfo('output.voltage')).toBe('142.0');
  });
});
