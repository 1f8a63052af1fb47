import { DescriptorBuilder } from '../descriptor-builder.js';
import { presentStatus, type FakeModel } from '../fake-model.js';
import { BS, PD, UNIT, presentStatusCollection } from './common.js';

/**
 * A CyberPower-like descriptor with the firmware quirks NUT's cps-hid works around: Input and
 * Output Voltage declare the logical limits of Input.HighVoltageTransfer (so a plain parser
 * clamps 121 V to 130 V), the input frequency comes in 0.1 Hz without a unit exponent, and the
 * battery voltage reads 1.5 times too high. Delays and self-test live under UPS.Output.
 */
function descriptor(): Uint8Array {
  const b = new DescriptorBuilder();
  b.usagePage(PD).usage(0x04).collection('application');
  b.field(0xfd, 0x01, 8, 0, 255).field(0xfe, 0x01, 8, 0, 255).field(0xff, 0x01, 8, 0, 255);
  b.usage(0x24).collection('physical'); // PowerSummary
  b.usagePage(BS).field(0x89, 0x03, 8, 0, 255); // iDeviceChemistry
  b.field(0x29, 0x07, 8, 0, 100).field(0x8c, 0x07, 8, 0, 100); // Remaining/WarningCapacityLimit
  for (const kind of ['input', 'feature'] as const) {
    b.field(0x66, 0x08, 8, 0, 100, kind); // RemainingCapacity
    b.unit(UNIT.SECOND, 0).field(0x68, 0x08, 16, 0, 65535, kind).unit(UNIT.NONE, 0);
  }
  b.unit(UNIT.SECOND, 0).field(0x2a, 0x09, 16, 0, 65535); // RemainingTimeLimit
  b.usagePage(PD).unit(UNIT.VOLT, 7).field(0x40, 0x0a, 8, 0, 255); // ConfigVoltage
  b.unit(UNIT.VOLT, 6).field(0x30, 0x0a, 16, 0, 65535).unit(UNIT.NONE, 0); // Voltage (×1.5 bug)
  b.field(0x5a, 0x0c, 8, 1, 3); // AudibleAlarmControl
  presentStatusCollection(b, 0x0b);
  b.end();
  b.usage(0x1a).collection('physical'); // Input
  b.unit(UNIT.VOLT, 7).field(0x30, 0x0f, 16, 130, 142); // Voltage: the transfer limits (bug)
  b.unit(UNIT.HERTZ, 0).field(0x32, 0x0f, 16, 0, 65535); // Frequency: 0.1 Hz, no exponent (bug)
  b.unit(UNIT.VOLT, 7).field(0x53, 0x10, 8, 88, 105).field(0x54, 0x10, 8, 130, 142);
  b.field(0x40, 0x11, 8, 0, 255).unit(UNIT.HERTZ, 0).field(0x42, 0x11, 8, 0, 255);
  b.unit(UNIT.NONE, 0).end();
  b.usage(0x1c).collection('physical'); // Output
  b.unit(UNIT.VOLT, 7).field(0x30, 0x12, 16, 130, 142).unit(UNIT.NONE, 0); // Voltage (bug)
  b.field(0x35, 0x12, 8, 0, 100); // PercentLoad
  b.unit(UNIT.WATT, 7).field(0x44, 0x13, 16, 0, 65535).unit(UNIT.NONE, 0); // ConfigActivePower
  b.field(0x58, 0x14, 8, 0, 7); // Test
  b.unit(UNIT.SECOND, 0).field(0x57, 0x15, 16, -1, 32767).field(0x56, 0x16, 16, -1, 32767);
  b.unit(UNIT.NONE, 0).end();
  b.end();
  return b.build();
}

/** A fake CyberPower CP1500-class UPS (120 V / 60 Hz, 24 V battery, 900 W, product 0501). */
export const CYBERPOWER_CP1500: FakeModel = {
  name: 'cyberpower',
  description: 'CyberPower-like (vendor 0764, product 0501) with the voltage-limit descriptor bug',
  info: {
    vendorId: 0x0764,
    productId: 0x0501,
    manufacturer: 'CPS',
    product: 'CP1500PFCLCD',
    serialNumber: 'CXXLV2001234',
    path: 'fake:cyberpower',
  },
  descriptor: descriptor(),
  strings: { 1: 'CPS', 2: 'CP1500PFCLCD', 3: 'CXXLV2001234', 4: 'PbAcid' },
  ratings: {
    voltage: 120,
    frequency: 60,
    batteryVoltage: 24,
    fullRuntime: 1200,
    rechargeRate: 0.5,
  },
  values: (ups) => ({
    'UPS.iManufacturer': 1,
    'UPS.iProduct': 2,
    'UPS.iSerialNumber': 3,
    'UPS.PowerSummary.iDeviceChemistry': 4,
    'UPS.PowerSummary.RemainingCapacityLimit': ups.chargeLow,
    'UPS.PowerSummary.WarningCapacityLimit': ups.chargeWarning,
    'UPS.PowerSummary.RemainingCapacity': Math.round(ups.charge),
    'UPS.PowerSummary.RunTimeToEmpty': ups.runtime,
    'UPS.PowerSummary.RemainingTimeLimit': ups.runtimeLow,
    'UPS.PowerSummary.ConfigVoltage': ups.ratings.batteryVoltage,
    'UPS.PowerSummary.Voltage': ups.batteryVoltage * 1.5,
    'UPS.PowerSummary.AudibleAlarmControl': ups.beeper,
    ...presentStatus('UPS.PowerSummary.PresentStatus', ups),
    'UPS.Input.Voltage': ups.lineVoltage,
    'UPS.Input.Frequency': ups.lineFrequency * 10,
    'UPS.Input.LowVoltageTransfer': ups.transferLow,
    'UPS.Input.HighVoltageTransfer': ups.transferHigh,
    'UPS.Input.ConfigVoltage': ups.ratings.voltage,
    'UPS.Input.ConfigFrequency': ups.ratings.frequency,
    'UPS.Output.Voltage': ups.outputVoltage,
    'UPS.Output.PercentLoad': ups.outputOn ? ups.load : 0,
    'UPS.Output.ConfigActivePower': 900,
    'UPS.Output.Test': ups.testResult,
    'UPS.Output.DelayBeforeShutdown': ups.shutdownDelay,
    'UPS.Output.DelayBeforeStartup': ups.startupDelay,
  }),
};
