import { DescriptorBuilder } from '../descriptor-builder.js';
import { hidDate, presentStatus, standardWrite, type FakeModel } from '../fake-model.js';
import { BS, PD, UNIT, presentStatusCollection } from './common.js';

const APC = 0xff86;

/**
 * A Back-UPS-like descriptor: identity strings and dates at the top level, PowerSummary with
 * charge and runtime pushed on the interrupt pipe, APC vendor usages for the line-fail cause, the
 * status flag and a single-write shutdown.return (APCDelayBeforeReboot), battery self-test under
 * UPS.Battery.
 */
function descriptor(): Uint8Array {
  const b = new DescriptorBuilder();
  b.usagePage(PD).usage(0x04).collection('application');
  b.field(0xfe, 0x01, 8, 0, 255).field(0xff, 0x01, 8, 0, 255).field(0xfd, 0x01, 8, 0, 255);
  b.usagePage(BS).field(0x85, 0x02, 16, 0, 65535).usagePage(PD); // UPS.ManufacturerDate
  b.usage(0x24).collection('physical'); // PowerSummary
  b.usagePage(BS).field(0x89, 0x03, 8, 0, 255).field(0x8f, 0x03, 8, 0, 255);
  b.usagePage(PD).unit(UNIT.VOLT, 7).field(0x40, 0x04, 16, 0, 65535); // ConfigVoltage
  b.unit(UNIT.VOLT, 5).field(0x30, 0x05, 16, 0, 65535).unit(UNIT.NONE, 0); // Voltage, 10 mV
  b.usagePage(BS);
  for (const kind of ['input', 'feature'] as const) {
    b.field(0x66, 0x0c, 8, 0, 100, kind); // RemainingCapacity
    b.unit(UNIT.SECOND, 0).field(0x68, 0x0c, 16, 0, 65535, kind).unit(UNIT.NONE, 0);
  }
  b.field(0x29, 0x0d, 8, 0, 100).field(0x8c, 0x0d, 8, 0, 100); // Remaining/WarningCapacityLimit
  b.unit(UNIT.SECOND, 0).field(0x2a, 0x0e, 16, 0, 65535); // RemainingTimeLimit
  b.usagePage(PD).field(0x57, 0x0f, 16, -1, 32767).field(0x56, 0x10, 16, -1, 32767);
  b.unit(UNIT.NONE, 0).field(0x5a, 0x11, 8, 1, 3); // AudibleAlarmControl
  presentStatusCollection(b, 0x16);
  b.usagePage(APC).field(0x60, 0x17, 8, 0, 255).usagePage(PD); // APCStatusFlag
  b.end();
  b.usage(0x12).collection('physical'); // Battery
  b.usagePage(BS).field(0x85, 0x20, 16, 0, 65535).usagePage(PD); // ManufacturerDate
  b.field(0x58, 0x21, 8, 0, 7).end(); // Test
  b.usage(0x1a).collection('physical'); // Input
  b.unit(UNIT.VOLT, 6).field(0x30, 0x30, 16, 0, 65535); // Voltage, 0.1 V
  b.unit(UNIT.VOLT, 7).field(0x53, 0x31, 16, 0, 65535).field(0x54, 0x31, 16, 0, 65535);
  b.field(0x40, 0x32, 16, 0, 65535).unit(UNIT.NONE, 0); // ConfigVoltage
  b.usagePage(APC).field(0x52, 0x33, 8, 0, 255).usagePage(PD).end(); // APCLineFailCause
  b.usage(0x1c).collection('physical'); // Output
  b.field(0x35, 0x40, 8, 0, 100); // PercentLoad
  b.unit(UNIT.WATT, 7).field(0x44, 0x41, 16, 0, 65535).unit(UNIT.NONE, 0); // ConfigActivePower
  b.usagePage(APC).field(0x7c, 0x42, 16, -1, 32767).usagePage(PD).end(); // APCDelayBeforeReboot
  b.end();
  return b.build();
}

/** A fake APC Back-UPS (230 V, 12 V battery, 405 W). */
export const APC_BACK_UPS: FakeModel = {
  name: 'apc',
  description: 'APC Back-UPS-like (vendor 051d): APC vendor page, interrupt-pushed charge',
  info: {
    vendorId: 0x051d,
    productId: 0x0002,
    manufacturer: 'American Power Conversion',
    product: 'Back-UPS BX700U FW:926.T2 .I USB FW:T2',
    serialNumber: '9B2117A12345',
    path: 'fake:apc',
  },
  descriptor: descriptor(),
  strings: {
    1: 'American Power Conversion',
    2: 'Back-UPS BX700U FW:926.T2 .I USB FW:T2',
    3: '9B2117A12345',
    4: 'PbAc',
    5: 'APC',
  },
  ratings: {
    voltage: 230,
    frequency: 50,
    batteryVoltage: 12,
    fullRuntime: 1500,
    rechargeRate: 0.5,
  },
  usageNames: {
    0xff860052: 'APCLineFailCause',
    0xff860060: 'APCStatusFlag',
    0xff86007c: 'APCDelayBeforeReboot',
  },
  values: (ups) => ({
    'UPS.iProduct': 2,
    'UPS.iSerialNumber': 3,
    'UPS.iManufacturer': 1,
    'UPS.ManufacturerDate': hidDate(2021, 3, 18),
    'UPS.PowerSummary.iDeviceChemistry': 4,
    'UPS.PowerSummary.iOEMInformation': 5,
    'UPS.PowerSummary.ConfigVoltage': ups.ratings.batteryVoltage,
    'UPS.PowerSummary.Voltage': ups.batteryVoltage,
    'UPS.PowerSummary.RemainingCapacity': Math.round(ups.charge),
    'UPS.PowerSummary.RunTimeToEmpty': ups.runtime,
    'UPS.PowerSummary.RemainingCapacityLimit': ups.chargeLow,
    'UPS.PowerSummary.WarningCapacityLimit': ups.chargeWarning,
    'UPS.PowerSummary.RemainingTimeLimit': ups.runtimeLow,
    'UPS.PowerSummary.DelayBeforeShutdown': ups.shutdownDelay,
    'UPS.PowerSummary.DelayBeforeStartup': ups.startupDelay,
    'UPS.PowerSummary.AudibleAlarmControl': ups.beeper,
    ...presentStatus('UPS.PowerSummary.PresentStatus', ups),
    // 8 is normal operation, 0 an output that is off
    'UPS.PowerSummary.APCStatusFlag': ups.outputOn ? 8 : 0,
    'UPS.Battery.ManufacturerDate': hidDate(2024, 6, 2),
    'UPS.Battery.Test': ups.testResult,
    'UPS.Input.Voltage': ups.lineVoltage,
    'UPS.Input.LowVoltageTransfer': ups.transferLow,
    'UPS.Input.HighVoltageTransfer': ups.transferHigh,
    'UPS.Input.ConfigVoltage': ups.ratings.voltage,
    // the cause of the transfer to battery: 8 is a notch or blackout, 0 none
    'UPS.Input.APCLineFailCause': ups.mains ? 0 : 8,
    'UPS.Output.PercentLoad': ups.outputOn ? ups.load : 0,
    'UPS.Output.ConfigActivePower': 405,
    'UPS.Output.APCDelayBeforeReboot': ups.rebootDelay,
  }),
  // APCDelayBeforeReboot := n: the output goes off after n seconds and returns with the mains.
  write: (path, value, ups) => {
    if (path !== 'UPS.Output.APCDelayBeforeReboot') return standardWrite(path, value, ups);
    ups.rebootDelay = value;
    return true;
  },
};
