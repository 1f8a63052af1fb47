import type { StateStore } from '@nut-ts/driver-kit';
import type { Ratings, VendorInfo } from '../protocol/info.js';
import type { Q1Status } from '../protocol/q1.js';

/** F reply to variables, formatted as nutdrv_qx does. */
export function publishRatings(store: StateStore, ratings: Ratings): void {
  store.setInfo('input.voltage.nominal', ratings.inputVoltage.toFixed(0));
  store.setInfo('input.current.nominal', ratings.inputCurrent.toFixed(1));
  store.setInfo('battery.voltage.nominal', ratings.batteryVoltage.toFixed(1));
  store.setInfo('input.frequency.nominal', ratings.inputFrequency.toFixed(0));
}

/** I reply to variables; blank fields are left out. */
export function publishVendor(store: StateStore, info: VendorInfo, withRuntime: boolean): void {
  const fields: Array<[string, string | undefined]> = [
    ['device.mfr', info.manufacturer],
    ['device.model', info.model],
    ['ups.firmware', info.firmware],
    ['ups.serial', info.serial],
    [
      'battery.runtime',
      withRuntime && info.runtime !== undefined ? String(info.runtime) : undefined,
    ],
  ];
  for (const [name, value] of fields) if (value) store.setInfo(name, value);
}

/** The Q1 measurements (the battery is published by BatteryState). */
export function publishMeasurements(store: StateStore, status: Q1Status): void {
  store.setInfo('input.voltage', status.inputVoltage.toFixed(1));
  store.setInfo('input.voltage.fault', status.inputFaultVoltage.toFixed(1));
  store.setInfo('output.voltage', status.outputVoltage.toFixed(1));
  store.setInfo('ups.load', status.load.toFixed(0));
  store.setInfo('input.frequency', status.inputFrequency.toFixed(1));
  store.setInfo('ups.temperature', status.temperature.toFixed(1));
}
