/**
 * The Megatec string for a shutdown: `S<n>` with n = `.2`…`.9` tenths of a minute below 60 s,
 * else two-digit minutes; `R<mmmm>` restart minutes, left out when `returnMinutes` is undefined.
 */
export function shutdownCommand(offDelaySeconds: number, returnMinutes?: number): string {
  const delay =
    offDelaySeconds < 60
      ? `.${Math.min(9, Math.max(2, Math.floor(offDelaySeconds / 6)))}`
      : String(Math.min(99, Math.floor(offDelaySeconds / 60))).padStart(2, '0');
  const ret =
    returnMinutes === undefined
      ? ''
      : `R${String(Math.min(9999, Math.max(0, returnMinutes))).padStart(4, '0')}`;
  return `S${delay}${ret}`;
}

/** NUT instant commands and the Megatec strings that perform them. */
export function instantCommand(
  name: string,
  param: string | undefined,
  delays: { onDelay: number; offDelay: number },
): string | undefined {
  const onMinutes = Math.ceil(delays.onDelay / 60);
  switch (name) {
    case 'beeper.toggle':
      return 'Q';
    case 'load.off':
      return 'S00R0000';
    case 'load.on':
    case 'shutdown.stop':
      return 'C';
    case 'shutdown.return':
      return shutdownCommand(delays.offDelay, onMinutes > 0 ? onMinutes : undefined);
    case 'shutdown.stayoff':
      return shutdownCommand(delays.offDelay, 0);
    case 'test.battery.start.quick':
      return 'T';
    case 'test.battery.start.deep':
      return 'TL';
    case 'test.battery.start': {
      const seconds = param === undefined ? 600 : Number(param);
      if (!Number.isFinite(seconds) || seconds < 60 || seconds > 5940) return undefined;
      return `T${String(Math.round(seconds / 60)).padStart(2, '0')}`;
    }
    case 'test.battery.stop':
      return 'CT';
    default:
      return undefined;
  }
}

export const MEGATEC_COMMANDS = [
  'beeper.toggle',
  'load.off',
  'load.on',
  'shutdown.return',
  'shutdown.stayoff',
  'shutdown.stop',
  'test.battery.start',
  'test.battery.start.quick',
  'test.battery.start.deep',
  'test.battery.stop',
];

/**
 * Megatec's convention for command replies: nothing or `ACK`/`(ACK` is success; the command
 * echoed back (or anything else) means the UPS refused it.
 */
export function commandAccepted(reply: string | undefined): boolean {
  if (reply === undefined || reply === '') return true;
  return /^\(?ACK$/i.test(reply.trim());
}
