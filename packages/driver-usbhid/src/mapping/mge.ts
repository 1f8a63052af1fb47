import {
  GENERIC_COMMANDS,
  GENERIC_STATUS,
  GENERIC_VARS,
  fixed,
  lookup,
  type CommandEntry,
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
/** NUT's outlet numbers: outlet.1 is the group `Outlet.[2]`, outlet.2 is `Outlet.[3]`. */
const OUTLETS = [1, 2].map((n) => ({ n, group: `UPS.OutletSystem.Outlet.[${n + 1}]` }));

const OUTLET_VARS: VarEntry[] = OUTLETS.flatMap(({ n, group }) => [
  { nut: `outlet.${n}.delay.shutdown`, path: `${group}.DelayBeforeShutdown`, format: fixed(0) },
  { nut: `outlet.${n}.delay.start`, path: `${group}.DelayBeforeStartup`, format: fixed(0) },
  {
    nut: `outlet.${n}.status`,
    path: `${group}.PresentStatus.SwitchOn/Off`,
    format: lookup(ON_OFF),
  },
  {
    nut: `outlet.${n}.switchable`,
    path: `${group}.PresentStatus.Switchable`,
    format: lookup(YES_NO),
  },
]);

const OUTLET_COMMANDS: CommandEntry[] = OUTLETS.flatMap(({ n, group }) => [
  { cmd: `outlet.${n}.load.off`, path: `${group}.DelayBeforeShutdown`, value: 0 },
  { cmd: `outlet.${n}.load.on`, path: `${group}.DelayBeforeStartup`, value: 0 },
]);

/**
 * Eaton/MGE (and Powerware's HID models): the standard pages plus PowerConverter readings,
 * `UPS.Flow.[4]` ratings and the switchable outlet groups (`Outlet.[2]` and `[3]`, NUT's
 * outlet.1 and outlet.2).
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
    ...OUTLET_VARS,
  ],
  status: [
    ...GENERIC_STATUS,
    { path: 'UPS.PowerConverter.Input.[1].PresentStatus.Boost', flag: 'boost' },
    { path: 'UPS.PowerConverter.Input.[1].PresentStatus.Buck', flag: 'buck' },
  ],
  commands: [...GENERIC_COMMANDS, ...OUTLET_COMMANDS],
  delays: { off: 20, on: 30 },
};
