/** Frequently used standard variable names (NUT docs/nut-names). */
export const VAR = {
  status: 'ups.status',
  alarm: 'ups.alarm',
  upsMfr: 'ups.mfr',
  upsModel: 'ups.model',
  upsLoad: 'ups.load',
  delayShutdown: 'ups.delay.shutdown',
  delayStart: 'ups.delay.start',
  timerShutdown: 'ups.timer.shutdown',
  timerStart: 'ups.timer.start',
  beeperStatus: 'ups.beeper.status',
  upsType: 'ups.type',
  deviceMfr: 'device.mfr',
  deviceModel: 'device.model',
  deviceSerial: 'device.serial',
  deviceType: 'device.type',
  batteryCharge: 'battery.charge',
  batteryChargeLow: 'battery.charge.low',
  batteryRuntime: 'battery.runtime',
  batteryRuntimeLow: 'battery.runtime.low',
  batteryVoltage: 'battery.voltage',
  inputVoltage: 'input.voltage',
  inputFrequency: 'input.frequency',
  outputVoltage: 'output.voltage',
  serverInfo: 'server.info',
  serverVersion: 'server.version',
} as const;

/** The IANA-registered upsd TCP port. */
export const NUT_PORT = 3493;

/** Network protocol version spoken by NUT 2.8 and by nut-ts. */
export const NUT_PROTOCOL_VERSION = '1.3';

/** Version of NUT whose behaviour nut-ts reproduces. */
export const NUT_COMPAT_VERSION = '2.8.0';
