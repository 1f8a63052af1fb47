import { DescriptorBuilder } from '../descriptor-builder.js';
import { hidDate, presentStatus, standardWrite, type FakeModel } from '../fake-model.js';
import { BS, PD, UNIT, presentStatusCollection } from './common.js';

/**
 * An Eaton/MGE-like descriptor: measurements under UPS.PowerConverter with the input numbered
 * `[1]` (a vendor-defined collection type, with Boost/Buck status), the three delays in one
 * PowerSummary report, self-test under UPS.BatterySystem.Battery, two switchable outlet groups
 * `UPS.OutletSystem.Outlet.[2]` and `[3]`, ratings under UPS.Input and `UPS.Flow.[4]`.
 */
function descriptor(): Uint8Array {
  const b = new DescriptorBuilder();
  b.usagePage(PD).usage(0x04).collection('application');
  b.field(0xfd, 0x01, 8, 0, 255).field(0xfe, 0x01, 8, 0, 255).field(0xff, 0x01, 8, 0, 255);
  b.usage(0x24).collection('physical'); // PowerSummary
  b.usagePage(BS).field(0x89, 0x02, 8, 0, 255); // iDeviceChemistry
  for (const kind of ['input', 'feature'] as const) {
    b.field(0x66, 0x06, 8, 0, 100, kind); // RemainingCapacity
    b.unit(UNIT.SECOND, 0).field(0x68, 0x06, 16, 0, 65535, kind).unit(UNIT.NONE, 0);
  }
  b.field(0x29, 0x07, 8, 0, 100).unit(UNIT.SECOND, 0).field(0x2a, 0x07, 16, 0, 65535);
  b.unit(UNIT.NONE, 0).usagePage(PD);
  b.unit(UNIT.VOLT, 7).field(0x40, 0x08, 8, 0, 255); // ConfigVoltage
  b.unit(UNIT.VOLT, 5).field(0x30, 0x08, 16, 0, 65535); // Voltage, 10 mV
  b.unit(UNIT.SECOND, 0).field(0x57, 0x09, 16, -1, 32767).field(0x56, 0x09, 16, -1, 32767);
  b.field(0x55, 0x09, 16, -1, 32767).unit(UNIT.NONE, 0); // DelayBeforeReboot
  b.field(0x5a, 0x0a, 8, 1, 3); // AudibleAlarmControl
  b.field(0x35, 0x0b, 8, 0, 200); // PercentLoad
  presentStatusCollection(b, 0x03);
  b.end();
  b.usage(0x10).collection('physical').usage(0x12).collection('physical'); // BatterySystem.Battery
  b.field(0x58, 0x10, 8, 0, 7); // Test
  b.usagePage(BS).field(0x85, 0x11, 16, 0, 65535).usagePage(PD).end().end(); // ManufacturerDate
  b.usage(0x16).collection('physical'); // PowerConverter
  b.usage(0x1a).collection(1); // PowerConverter.Input.[1]
  b.unit(UNIT.VOLT, 6).field(0x30, 0x20, 16, 0, 65535); // Voltage, 0.1 V
  b.unit(UNIT.HERTZ, -1).field(0x32, 0x20, 16, 0, 65535).unit(UNIT.NONE, 0); // Frequency
  presentStatusCollection(b, 0x21, [
    [PD, 0x6e], // Boost
    [PD, 0x6f], // Buck
  ]);
  b.end();
  b.usage(0x1c).collection('physical'); // PowerConverter.Output
  b.unit(UNIT.VOLT, 6).field(0x30, 0x22, 16, 0, 65535);
  b.unit(UNIT.HERTZ, -1).field(0x32, 0x22, 16, 0, 65535);
  b.unit(UNIT.WATT, 7).field(0x34, 0x22, 16, 0, 65535).unit(UNIT.NONE, 0); // ActivePower
  b.end().end();
  b.usage(0x18).collection('physical'); // OutletSystem
  b.usage(0x20).collection(1); // Outlet.[1]: the outlets that are always on
  presentStatusCollection(b, 0x40, [[PD, 0x6b]]); // SwitchOn/Off
  b.end();
  // Outlet.[2] and Outlet.[3]: the switchable groups, outlet.1 and outlet.2 to NUT
  for (const [group, reportId] of [
    [2, 0x41],
    [3, 0x43],
  ] as const) {
    b.usage(0x20).collection(group);
    b.unit(UNIT.SECOND, 0);
    b.field(0x57, reportId, 16, -1, 32767).field(0x56, reportId, 16, -1, 32767);
    b.unit(UNIT.NONE, 0);
    presentStatusCollection(b, reportId + 1, [
      [PD, 0x6b], // SwitchOn/Off
      [PD, 0x6c], // Switchable
    ]);
    b.end();
  }
  b.end();
  b.usage(0x1a).collection('physical'); // Input (ratings)
  b.unit(UNIT.VOLT, 7).field(0x40, 0x30, 16, 0, 65535);
  b.field(0x53, 0x30, 16, 0, 65535).field(0x54, 0x30, 16, 0, 65535).unit(UNIT.NONE, 0).end();
  b.usage(0x1e).collection(4); // Flow.[4]: the output ratings
  b.unit(UNIT.WATT, 7).field(0x44, 0x31, 16, 0, 65535).field(0x43, 0x31, 16, 0, 65535);
  b.unit(UNIT.NONE, 0).end();
  b.end();
  return b.build();
}

/** A fake Eaton 5E-class UPS (230 V / 50 Hz, 12 V battery, 850 VA / 480 W). */
export const EATON_5E: FakeModel = {
  name: 'eaton',
  description: 'Eaton/MGE-like (vendor 0463): PowerConverter measurements, Boost/Buck',
  info: {
    vendorId: 0x0463,
    productId: 0xffff,
    manufacturer: 'EATON',
    product: '5E 850i',
    serialNumber: 'G355E11111',
    path: 'fake:eaton',
  },
  descriptor: descriptor(),
  strings: { 1: 'EATON', 2: '5E 850i', 3: 'G355E11111', 4: 'PbAc' },
  ratings: {
    voltage: 230,
    frequency: 50,
    batteryVoltage: 12,
    fullRuntime: 1800,
    rechargeRate: 0.5,
  },
  values: (ups) => {
    const watts = ups.outputOn ? Math.round((480 * ups.load) / 100) : 0;
    return {
      'UPS.iManufacturer': 1,
      'UPS.iProduct': 2,
      'UPS.iSerialNumber': 3,
      'UPS.PowerSummary.iDeviceChemistry': 4,
      'UPS.PowerSummary.RemainingCapacity': Math.round(ups.charge),
      'UPS.PowerSummary.RunTimeToEmpty': ups.runtime,
      'UPS.PowerSummary.RemainingCapacityLimit': ups.chargeLow,
      'UPS.PowerSummary.RemainingTimeLimit': ups.runtimeLow,
      'UPS.PowerSummary.ConfigVoltage': ups.ratings.batteryVoltage,
      'UPS.PowerSummary.Voltage': ups.batteryVoltage,
      'UPS.PowerSummary.DelayBeforeShutdown': ups.shutdownDelay,
      'UPS.PowerSummary.DelayBeforeStartup': ups.startupDelay,
      'UPS.PowerSummary.DelayBeforeReboot': ups.rebootDelay,
      'UPS.PowerSummary.AudibleAlarmControl': ups.beeper,
      'UPS.PowerSummary.PercentLoad': ups.outputOn ? ups.load : 0,
      ...presentStatus('UPS.PowerSummary.PresentStatus', ups),
      'UPS.BatterySystem.Battery.Test': ups.testResult,
      'UPS.BatterySystem.Battery.ManufacturerDate': hidDate(2023, 11, 7),
      'UPS.PowerConverter.Input.[1].Voltage': ups.lineVoltage,
      'UPS.PowerConverter.Input.[1].Frequency': ups.lineFrequency,
      'UPS.PowerConverter.Input.[1].PresentStatus.Boost':
        ups.mains && ups.inputVoltage < 207 ? 1 : 0,
      'UPS.PowerConverter.Input.[1].PresentStatus.Buck':
        ups.mains && ups.inputVoltage > 253 ? 1 : 0,
      'UPS.PowerConverter.Output.Voltage': ups.outputVoltage,
      'UPS.PowerConverter.Output.Frequency': ups.outputOn ? ups.ratings.frequency : 0,
      'UPS.PowerConverter.Output.ActivePower': watts,
      'UPS.Input.ConfigVoltage': ups.ratings.voltage,
      'UPS.Input.LowVoltageTransfer': ups.transferLow,
      'UPS.Input.HighVoltageTransfer': ups.transferHigh,
      'UPS.OutletSystem.Outlet.[1].PresentStatus.SwitchOn/Off': ups.outputOn ? 1 : 0,
      ...Object.fromEntries(
        ups.outlets.flatMap((outlet, i) => {
          const group = `UPS.OutletSystem.Outlet.[${i + 2}]`;
          return [
            [`${group}.DelayBeforeShutdown`, outlet.shutdownDelay],
            [`${group}.DelayBeforeStartup`, outlet.startupDelay],
            [`${group}.PresentStatus.SwitchOn/Off`, ups.outputOn && outlet.on ? 1 : 0],
            [`${group}.PresentStatus.Switchable`, 1],
          ];
        }),
      ),
      'UPS.Flow.[4].ConfigActivePower': 480,
      'UPS.Flow.[4].ConfigApparentPower': 850,
    };
  },
  // Each switchable outlet group has its own delays (0: switch at once).
  write: (path, value, ups) => {
    const match = /^UPS\.OutletSystem\.Outlet\.\[([23])\]\.DelayBefore(Shutdown|Startup)$/.exec(
      path,
    );
    if (!match) return standardWrite(path, value, ups);
    const outlet = ups.outlets[Number(match[1]) - 2]!;
    if (match[2] === 'Shutdown') outlet.shutdownDelay = value;
    else outlet.startupDelay = value;
    ups.tickOutlet(0);
    return true;
  },
};
