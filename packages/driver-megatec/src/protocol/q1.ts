/** A reply the driver cannot use (wrong start character, too short, non-numeric field). */
export class MegatecReplyError extends Error {
  override readonly name = 'MegatecReplyError';
}

/** The fields of a Q1 (also QS and D) status reply. Voltages in V, frequency in Hz, °C. */
export interface Q1Status {
  inputVoltage: number;
  inputFaultVoltage: number;
  outputVoltage: number;
  /** Percent of maximum load. */
  load: number;
  inputFrequency: number;
  /** As reported: per cell (2.27) or whole pack (27.5), depending on the unit. */
  batteryVoltage: number;
  temperature: number;
  /** b7..b0 as booleans, b7 first. */
  bits: boolean[];
}

function number(text: string, field: string): number {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed))
    throw new MegatecReplyError(`${field} is not a number: '${text}'`);
  return Number(trimmed);
}

/**
 * Parses `(MMM.M NNN.N PPP.P QQQ RR.R S.SS TT.T b7b6b5b4b3b2b1b0` (the CR already removed),
 * splitting on blanks so per-cell (`2.27`) and per-pack (`27.5`) battery fields both work.
 */
export function parseQ1(reply: string): Q1Status {
  if (!reply.startsWith('('))
    throw new MegatecReplyError(`invalid start character in '${reply.slice(0, 10)}'`);
  if (reply.length < 45) throw new MegatecReplyError(`short reply (${reply.length} bytes)`);
  const fields = reply.slice(1).trim().split(/\s+/);
  if (fields.length !== 8) throw new MegatecReplyError(`expected 8 fields, got ${fields.length}`);
  const [vi, vf, vo, load, freq, batt, temp, bits] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!/^[01]{8}$/.test(bits))
    throw new MegatecReplyError(`status bits must be 8 characters 0/1, got '${bits}'`);
  return {
    inputVoltage: number(vi, 'input voltage'),
    inputFaultVoltage: number(vf, 'input fault voltage'),
    outputVoltage: number(vo, 'output voltage'),
    load: number(load, 'load'),
    inputFrequency: number(freq, 'input frequency'),
    batteryVoltage: number(batt, 'battery voltage'),
    temperature: number(temp, 'temperature'),
    bits: [...bits].map((c) => c === '1'),
  };
}

/** What the status bits mean in NUT terms. */
export interface Q1Meaning {
  tokens: string[];
  alarms: string[];
  upsType: 'offline / line interactive' | 'online';
  beeper: 'enabled' | 'disabled';
}

/** Status bits to ups.status tokens, alarms, ups.type and ups.beeper.status (NUT's rules). */
export function interpretQ1(status: Q1Status, options: { ignoreSab?: boolean } = {}): Q1Meaning {
  const [
    utilityFail,
    batteryLow,
    bypassBoostBuck,
    upsFailed,
    standby,
    testing,
    shutdownActive,
    beeper,
  ] = status.bits;
  const tokens: string[] = [utilityFail ? 'OB' : 'OL'];
  const alarms: string[] = [];
  if (batteryLow) tokens.push('LB');
  if (bypassBoostBuck) {
    const vi = status.inputVoltage;
    const vo = status.outputVoltage;
    if (vo < 0.5 * vi) {
      // ignored: the output is too low to tell
    } else if (vo < 0.95 * vi) tokens.push('TRIM');
    else if (vo < 1.05 * vi) tokens.push('BYPASS');
    else if (vo < 1.5 * vi) tokens.push('BOOST');
  }
  if (upsFailed) alarms.push('UPS selftest failed!');
  if (testing) tokens.push('CAL');
  if (shutdownActive && !options.ignoreSab) {
    tokens.push('FSD');
    alarms.push('Shutdown imminent!');
  }
  return {
    tokens,
    alarms,
    upsType: standby ? 'offline / line interactive' : 'online',
    beeper: beeper ? 'enabled' : 'disabled',
  };
}

/** Formats a Q1 reply (the simulator's side); the inverse of {@link parseQ1}. */
export function formatQ1(status: Q1Status): string {
  const f = (value: number, width: number, digits: number) =>
    value.toFixed(digits).padStart(width, '0');
  const battery =
    status.batteryVoltage < 10 ? status.batteryVoltage.toFixed(2) : f(status.batteryVoltage, 4, 1);
  return `(${f(status.inputVoltage, 5, 1)} ${f(status.inputFaultVoltage, 5, 1)} ${f(status.outputVoltage, 5, 1)} ${String(Math.round(status.load)).padStart(3, '0')} ${f(status.inputFrequency, 4, 1)} ${battery} ${f(status.temperature, 4, 1)} ${status.bits.map((b) => (b ? '1' : '0')).join('')}`;
}
