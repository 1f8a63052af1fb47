import {
  GENERIC_COMMANDS,
  GENERIC_STATUS,
  GENERIC_VARS,
  fixed,
  lookup,
  type VarEntry,
} from './generic.js';
import type { Subdriver } from './subdriver.js';

/** Measurements Eaton/MGE put under UPS.PowerConverter, with and without NUT's `[1]` index. */
const POWER_CONVERTER: VarEntry[] = ['', '.[1]'].flatMap((index) => [
  { nut: 'input.voltage', path: `UPS.PowerConverter.Input${index}.Voltage`, format: fixed(1) },
  { nut: 'input.frequency', path: `UPS.PowerConverter.Input${index}.Frequency`, format: fixed(1) },
  { nut: 'input.current', path: `UPS.PowerConverter.Input${index}.Current`, format: fixed(2) },
]);

const ON_OFF = { 0: 'off', 1: 'on' };
const YES_NO = { 0: 'no', 1: 'yes' };
const OUTLET_1 = 'UPS.OutletSystem.Outlet.[2]';

/**
 * Eaton/MGE (and Powerware's HID models): the standard pages plus PowerConverter readings,
 * `UPS.Flow.[4]` ratings and the switchable outlet group (`Outlet.[2]`, NUT's outlet.1).
 */
export const MGE: Subdriver = {
  name: 'mge',
  vendorIds: [0x0463, 0x0592],
  usageNames: {},
  vars: [
    ...GENERIC_VARS,
    ...POWER_CONVERTER,
    { nut: 'output.voltage', path: 'UPS.PowerConverter.Output.Voltage', format: fixed(1) },
    { nut: 'output.frequency', path: 'UPS.PowerConverter.Output.Frequency', format: fixed(1) },
    { nut: 'output.current', path: 'UPS.PowerConverter.Output.Current', format: fixed(2) },
    { nut: 'ups.realpower', path: 'UPS.PowerConverter.Output.ActivePower', format: fixed(0) },
    { nut: 'ups.power', path: 'UPS.PowerConverter.Output.ApparentPower', format: fixed(0) },
    {
      nut: 'ups.realpower.nominal',
      path: 'UPS.Flow.[4].ConfigActivePower',
      format: fixed(0),
      static: true,
    },
    {
      nut: 'ups.power.nominal',
      path: 'UPS.Flow.[4].ConfigApparentPower',
      format: fixed(0),
      static: true,
    },
    { nut: 'outlet.1.delay.shutdown', path: `${OUTLET_1}.DelayBeforeShutdown`, format: fixed(0) },
    { nut: 'outlet.1.delay.start', path: `${OUTLET_1}.DelayBeforeStartup`, format: fixed(0) },
    {
      nut: 'outlet.1.status',
      path: `${OUTLET_1}.PresentStatus.SwitchOn/Off`,
      format: lookup(ON_OFF),
    },
    {
      nut: 'outlet.1.switchable',
      path: `${OUTLET_1}.PresentStatus.Switchable`,
      format: lookup(YES_NO),
    },
  ],
  status: [
    ...GENERIC_STATUS,
    { path: 'UPS.PowerConverter.Input.[1].PresentStatus.Boost', flag: 'boost' },
    { path: 'UPS.PowerConverter.Input.[1].PresentStatus.Buck', flag: 'buck' },
  ],
  commands: [
    ...GENERIC_COMMANDS,
    { cmd: 'outlet.1.load.off', path: `${OUTLET_1}.DelayBeforeShutdown`, value: 0 },
    { cmd: 'outlet.1.load.on', path: `${OUTLET_1}.DelayBeforeStartup`, value: 0 },
  ],
  delays: { off: 20, on: 30 },
};
