import { describe, expect, it } from 'vitest';
import { parseUsbHidOptions, UsbHidOptionError } from './options.js';

const problems = (options: Record<string, string>, flags: string[] = []) => {
  try {
    parseUsbHidOptions(options, flags);
  } catch (error) {
    expect(error).toBeInstanceOf(UsbHidOptionError);
    return (error as UsbHidOptionError).problems;
  }
  return [];
};

describe('usbhid-ups options', () => {
  it('takes the keys every driver reads, USB matching, override./default. and its own', () => {
    expect(
      problems(
        {
          driver: 'usbhid-ups',
          port: 'auto',
          desc: 'rack',
          vendorid: '051d',
          serial: 'AB.*',
          'override.battery.charge.low': '30',
          'default.input.voltage.nominal': '230',
          offdelay: '60',
          ondelay: '120',
          lowbatt: '25',
          interruptsize: '8',
          pollfreq: '30',
          subdriver: 'apc',
          fakecontrol: '/tmp/x.fake',
        },
        ['pollonly', 'explore', 'maxreport', 'nolock', 'ignorelb', 'onlinedischarge'],
      ),
    ).toEqual([]);
  });

  it('refuses every unknown option and flag at once, naming each', () => {
    expect(problems({ port: 'auto', offdealy: '20', ondelay: '30' }, ['polonly'])).toEqual([
      "'offdealy' is not a valid variable name for usbhid-ups (see usbhid-ups -h)",
      "'polonly' is not a valid flag for usbhid-ups (see usbhid-ups -h)",
    ]);
  });

  it('refuses values that are not whole numbers in range, and value options written bare', () => {
    expect(
      problems({ offdelay: 'soon', ondelay: '1.5', lowbatt: '101', interruptsize: '0' }, [
        'lowbatt',
      ]),
    ).toEqual([
      'offdelay = soon: needs a whole number from -1 to 65535',
      'ondelay = 1.5: needs a whole number from -1 to 65535',
      'lowbatt = 101: needs a whole number from 0 to 100',
      'interruptsize = 0: needs a whole number from 1 to 4096',
      "'lowbatt' needs a value: write lowbatt = <value>",
    ]);
  });

  it('types what it took: delays, flags (bare or with a value), OL+DISCHRG handling', () => {
    expect(parseUsbHidOptions({ offdelay: '5', ondelay: '-1', maxreport: 'yes' }, [])).toEqual({
      offDelay: 5,
      onDelay: -1,
      pollOnly: false,
      interruptOnly: false,
      onlineDischarge: 'keep',
      noDescriptorFix: false,
      explore: false,
      maxReport: true,
    });
    const mode = (flag: string) => parseUsbHidOptions({}, [flag]).onlineDischarge;
    expect(mode('onlinedischarge')).toBe('onbattery');
    expect(mode('onlinedischarge_onbattery')).toBe('onbattery');
    expect(mode('onlinedischarge_calibration')).toBe('calibration');
    // interruptonly needs the pipe pollonly would ignore
    expect(parseUsbHidOptions({}, ['pollonly', 'interruptonly'])).toMatchObject({
      pollOnly: false,
      interruptOnly: true,
    });
  });
});
