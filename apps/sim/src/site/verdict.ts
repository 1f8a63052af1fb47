import type { Site } from './site.js';

export interface Verdict {
  ok: boolean;
  /** One line per rule checked, prefixed with `ok` or `FAIL`. */
  findings: string[];
}

/**
 * Checks the shutdown story of a finished power cut against NUT's rules: every secondary shut
 * down and left; the active count reached 1; the primary ran SHUTDOWNCMD only after every
 * secondary had left, well before HOSTSYNC could have forced it; the primary wrote POWERDOWNFLAG.
 */
export function judgeShutdown(site: Site): Verdict {
  const findings: string[] = [];
  const check = (ok: boolean, text: string) => findings.push(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  const { timeline } = site;
  const fsd = timeline.filter('status').find((e) => /\bFSD\b/.test(e.detail));
  check(fsd !== undefined, 'upsd showed FSD (the primary set it)');

  const secondaryExits: number[] = [];
  for (const host of site.secondaries) {
    const shutdown = timeline.filter('shutdown', host.name)[0];
    const exit = timeline.filter('exit', host.name)[0];
    check(shutdown !== undefined, `${host.name} ran SHUTDOWNCMD`);
    check(exit !== undefined, `${host.name} left (upsmon exited, connection closed)`);
    if (exit) secondaryExits.push(exit.at);
  }
  const counts = timeline.filter('count');
  const reachedOne = counts.find((e) => e.count === 1 && (!fsd || e.at >= fsd.at));
  check(reachedOne !== undefined, 'the active count reached 1');

  const primaryShutdown = timeline.filter('shutdown', site.primary.name)[0];
  check(primaryShutdown !== undefined, 'the primary ran SHUTDOWNCMD');
  if (primaryShutdown) {
    const lastExit = Math.max(0, ...secondaryExits);
    check(
      primaryShutdown.at >= lastExit,
      `the primary shut down after every secondary had left (${primaryShutdown.at - lastExit} ms after the last)`,
    );
    if (fsd) {
      const waited = primaryShutdown.at - fsd.at;
      check(
        waited < site.timers.hostSync * 1000,
        `the primary did not need HOSTSYNC: ${waited} ms from FSD to SHUTDOWNCMD (HOSTSYNC ${site.timers.hostSync} s)`,
      );
    }
  }
  check(site.primary.wrotePowerDownFlag(), 'the primary wrote POWERDOWNFLAG');
  return { ok: findings.every((line) => line.startsWith('ok')), findings };
}
