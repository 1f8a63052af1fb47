import { describe, expect, it } from 'vitest';
import { DriverOptionError, parseMegatecOptions } from './options.js';

const WHERE = '/etc/nut/ups.conf [rack]';
const parse = (options: Record<string, string>, flags: string[] = []) =>
  parseMegatecOptions({ port: '/dev/ttyS0', ...options }, flags, WHERE);

describe('nutdrv_qx options', () => {
  it("has NUT's defaults", () => {
    expect(parse({})).toMatchObject({
      port: '/dev/ttyS0',
      dialect: undefined,
      noRating: false,
      noVendor: false,
      ignoreSab: false,
      stayOff: false,
      cablePower: 'normal',
      onDelay: 180,
      offDelay: 30,
      pollFreq: 30,
      runtimeCal: undefined,
      chargeTime: 43200,
      idleLoad: 10,
      oneBatteryPack: false,
      vendorLayout: 'classic',
    });
  });

  it('reads flags written bare in ups.conf or given as -x key=value', () => {
    const parsed = parse({ novendor: 'true' }, [
      'norating',
      'ignoresab',
      'stayoff',
      'battery_voltage_reports_one_pack',
    ]);
    expect(parsed).toMatchObject({
      noRating: true,
      noVendor: true,
      ignoreSab: true,
      stayOff: true,
      oneBatteryPack: true,
    });
  });

  it('reads values, truncating delays to what the UPS holds', () => {
    const parsed = parse({
      protocol: 'Megatec/Old',
      cablepower: 'Reverse',
      ondelay: '90',
      offdelay: '59',
      runtimecal: '240, 100, 720, 50',
      chargetime: '3600',
      idleload: '5',
      'default.battery.voltage.nominal': '24',
      'override.battery.voltage.low': '21',
      'default.battery.voltage.high': '27',
      'default.battery.packs': '2',
    });
    expect(parsed).toMatchObject({
      dialect: { name: 'megatec/old' },
      cablePower: 'reverse',
      onDelay: 60,
      offDelay: 54,
      runtimeCal: { runtimeHigh: 240, loadHigh: 100, runtimeLow: 720, loadLow: 50 },
      chargeTime: 3600,
      idleLoad: 5,
      nominalVoltage: 24,
      voltageLow: 21,
      voltageHigh: 27,
      batteryPacks: 2,
    });
  });

  it('reports every bad option at once, naming the section', () => {
    let error: unknown;
    try {
      parseMegatecOptions(
        {
          protocol: 'voltronic',
          cablepower: 'sideways',
          offdelay: '5',
          ondelay: 'soon',
          runtimecal: '720,50,240,100',
          idleload: '0',
          chargetime: '-1',
          pollfreq: 'x',
          vendorlayout: 'new',
          'default.battery.voltage.low': '26',
          'default.battery.voltage.high': '20',
        },
        [],
        WHERE,
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DriverOptionError);
    const lines = (error as Error).message.split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.every((line) => line.startsWith(`${WHERE}: `))).toBe(true);
    expect(lines.join('\n')).toMatch(/port is missing/);
    expect(lines.join('\n')).toMatch(
      /protocol = voltronic: must be one of mustek, megatec\/old, megatec, q1/,
    );
    expect(lines.join('\n')).toMatch(/offdelay = 5: must be whole seconds 12-600/);
    expect(lines.join('\n')).toMatch(/runtimecal = 720,50,240,100: runtimes must be > 0/);
  });

  it.each([
    ['1,2,3', /needs 4 numbers/],
    ['240,100,720,0', /loads must be/],
    ['240,150,720,50', /loads must be/],
    ['0,100,720,50', /runtimes must be/],
  ])('rejects runtimecal = %s', (value, message) => {
    expect(() => parse({ runtimecal: value })).toThrow(message);
  });
});
