import { printable } from './q1.js';

/** The shutdown and restart delays, in seconds, as NUT's ups.delay.shutdown / ups.delay.start. */
export interface Delays {
  /** ups.delay.start: 0…599940 s, sent in whole minutes; 0 = back as soon as mains return. */
  onDelay: number;
  /** ups.delay.shutdown: 12…600 s; sent as tenths of a minute below 60 s, else minutes. */
  offDelay: number;
}

/** Ranges of the writable delays (upsd checks them too, from the RANGE we publish). */
export const DELAY_RANGES = {
  'ups.delay.start': { min: 0, max: 599940 },
  'ups.delay.shutdown': { min: 12, max: 600 },
} as const;

/**
 * A delay as the UPS can hold it: ups.delay.start truncated to whole minutes, ups.delay.shutdown
 * to 6 s steps below a minute and whole minutes above. Undefined when out of range or not an
 * integer.
 */
export function settableDelay(
  variable: keyof typeof DELAY_RANGES,
  value: string,
): number | undefined {
  if (!/^\d+$/.test(value.trim())) return undefined;
  const seconds = Number(value);
  const { min, max } = DELAY_RANGES[variable];
  if (seconds < min || seconds > max) return undefined;
  if (variable === 'ups.delay.start') return seconds - (seconds % 60);
  return seconds < 60 ? seconds - (seconds % 6) : seconds - (seconds % 60);
}

/** `.2`…`.9` (tenths of a minute) below 60 s, else two-digit minutes. */
function offDelayField(seconds: number): string {
  if (seconds < 60) return `.${Math.min(9, Math.max(0, Math.floor(seconds / 6)))}`;
  return String(Math.min(99, Math.floor(seconds / 60))).padStart(2, '0');
}

/**
 * The Megatec shutdown string: `S<n>` and, for a restart delay, `R<mmmm>` minutes.
 * `returnMinutes` undefined leaves `R` out (the UPS returns as soon as mains are back);
 * 0 writes `R0000` (stay off).
 */
export function shutdownCommand(offDelaySeconds: number, returnMinutes?: number): string {
  const ret =
    returnMinutes === undefined
      ? ''
      : `R${String(Math.min(9999, Math.max(0, Math.floor(returnMinutes)))).padStart(4, '0')}`;
  return `S${offDelayField(offDelaySeconds)}${ret}`;
}

/** The instant commands a Megatec UPS offers, in NUT's names. */
export const MEGATEC_COMMANDS = [
  'beeper.toggle',
  'load.off',
  'load.on',
  'shutdown.return',
  'shutdown.stayoff',
  'shutdown.stop',
  'test.battery.start',
  'test.battery.start.deep',
  'test.battery.start.quick',
  'test.battery.stop',
] as const;

/** Why a command cannot be sent. */
export class CommandArgumentError extends Error {
  override readonly name = 'CommandArgumentError';
}

/**
 * The Megatec string for a NUT instant command; undefined for a command Megatec lacks.
 * `test.battery.start` takes seconds (60…5940, default 600) and sends whole minutes; a bad
 * parameter throws {@link CommandArgumentError}.
 */
export function instantCommand(
  name: string,
  param: string | undefined,
  delays: Delays,
): string | undefined {
  switch (name.toLowerCase()) {
    case 'beeper.toggle':
      return 'Q';
    case 'load.off':
      return 'S00R0000';
    case 'load.on':
    case 'shutdown.stop':
      return 'C';
    case 'shutdown.return': {
      const minutes = Math.floor(delays.onDelay / 60);
      return shutdownCommand(delays.offDelay, minutes > 0 ? minutes : undefined);
    }
    case 'shutdown.stayoff':
      return shutdownCommand(delays.offDelay, 0);
    case 'test.battery.start.quick':
      return 'T';
    case 'test.battery.start.deep':
      return 'TL';
    case 'test.battery.start': {
      const text = param?.trim() ?? '';
      const seconds = text === '' ? 600 : /^\d+$/.test(text) ? Number(text) : NaN;
      if (!(seconds >= 60 && seconds <= 5940))
        throw new CommandArgumentError(
          `battery test time '${printable(param ?? '', 20)}' out of range [60..5940] seconds`,
        );
      return `T${String(Math.floor(seconds / 60)).padStart(2, '0')}`;
    }
    case 'test.battery.stop':
      return 'CT';
    default:
      return undefined;
  }
}

/**
 * Megatec's convention for command replies: no reply, or `ACK`/`(ACK` (case ignored), is
 * success; the command echoed back, or anything else, is a refusal.
 */
export function commandAccepted(reply: string | undefined): boolean {
  if (reply === undefined || reply === '') return true;
  return /^\(?ACK$/i.test(reply.trim());
}
