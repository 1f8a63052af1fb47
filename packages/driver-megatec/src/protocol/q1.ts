/** A reply the driver cannot use (wrong start character, too short, non-numeric field). */
export class MegatecReplyError extends Error {
  override readonly name = 'MegatecReplyError';
}

/** The fields of a Q1 (also QS and D) status reply. Voltages in V, frequency in Hz, °C. */
export interface Q1Status {
  inputVoltage: number;
  /** Lowest input voltage seen during the last transfer (offline units). */
  inputFaultVoltage: number;
  outputVoltage: number;
  /** Percent of maximum load. */
  load: number;
  inputFrequency: number;
  /** As reported: per cell (2.27) or whole pack (27.5), depending on the unit. */
  batteryVoltage: number;
  temperature: number;
  /** b7..b0 as booleans, b7 (utility fail) first. */
  bits: boolean[];
}

/** Shortest usable status reply without its CR (NUT's blazer accepts 46 bytes with CR). */
const MIN_LENGTH = 45;
/** Anything longer is not a status reply: eight fields fit well inside this. */
const MAX_LENGTH = 64;

function number(text: string, field: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(text))
    throw new MegatecReplyError(`${field} is not a number: '${printable(text)}'`);
  return Number(text);
}

/** Keeps junk from the line readable (and harmless) in error messages and logs. */
export function printable(text: string, max = 60): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return shown.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * Parses `(MMM.M NNN.N PPP.P QQQ RR.R S.SS TT.T b7b6b5b4b3b2b1b0` (the CR already removed).
 * Fields are split on blanks, so per-cell (`2.27`) and per-pack (`27.5`) battery fields both
 * work; throws {@link MegatecReplyError} for a wrong start character, a short or over-long
 * reply, a non-numeric field or status bits that are not eight `0`/`1`.
 */
export function parseQ1(reply: string): Q1Status {
  if (!reply.startsWith('('))
    throw new MegatecReplyError(`invalid start character in '${printable(reply, 10)}'`);
  if (reply.length < MIN_LENGTH)
    throw new MegatecReplyError(`short reply (${reply.length} bytes): '${printable(reply)}'`);
  if (reply.length > MAX_LENGTH)
    throw new MegatecReplyError(`over-long reply (${reply.length} bytes)`);
  const fields = reply.slice(1).trim().split(/ +/);
  if (fields.length !== 8)
    throw new MegatecReplyError(`expected 8 fields, got ${fields.length}: '${printable(reply)}'`);
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
    throw new MegatecReplyError(`status bits must be 8 characters 0/1, got '${printable(bits)}'`);
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

/**
 * Formats a Q1 reply (the simulator's side), 46 characters for in-range values; the inverse of
 * {@link parseQ1}. A battery voltage below 10 V is written per cell (`2.27`).
 */
export function formatQ1(status: Q1Status): string {
  const f = (value: number, width: number, digits: number) =>
    Math.max(0, value).toFixed(digits).padStart(width, '0');
  const battery =
    status.batteryVoltage < 10 ? f(status.batteryVoltage, 4, 2) : f(status.batteryVoltage, 4, 1);
  const load = String(Math.max(0, Math.round(status.load))).padStart(3, '0');
  const bits = status.bits.map((b) => (b ? '1' : '0')).join('');
  return `(${f(status.inputVoltage, 5, 1)} ${f(status.inputFaultVoltage, 5, 1)} ${f(status.outputVoltage, 5, 1)} ${load} ${f(status.inputFrequency, 4, 1)} ${battery} ${f(status.temperature, 4, 1)} ${bits}`;
}
