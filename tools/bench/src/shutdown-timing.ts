import { Site } from '@nut-ts/sim';

/** One simulated shutdown, in seconds. */
export interface ShutdownRun {
  /** "Battery low" to the primary running SHUTDOWNCMD. */
  shutdown: number;
  /** The whole run as a CI job sees it: start the site, cut the power, shut down, stop. */
  wall: number;
}

/**
 * A power cut on a simulated site (our upsd, our primary upsmon, `secondaries` secondaries,
 * fast timers: POLLFREQ 1 s, FINALDELAY 1 s), with the secondaries running our upsmon or
 * (`nut`) Debian's NUT 2.8.0 upsmon.
 */
export async function shutdownRun(secondaries: number, nut: boolean): Promise<ShutdownRun> {
  const startedAt = Date.now();
  const site = new Site({ secondaries, nutSecondaries: nut ? secondaries : 0 });
  let shutdown: number;
  try {
    await site.start();
    await site.mainsOff();
    await site.waitForStatus(/OB/);
    const lowAt = Date.now();
    await site.lowBattery();
    await site.waitForHostsDown(120_000);
    const primary = site.timeline.filter('shutdown', 'primary')[0];
    if (!primary) throw new Error('the primary never ran SHUTDOWNCMD');
    const late = site.secondaries.filter(
      (host) => !site.timeline.filter('shutdown', host.name).some((e) => e.at <= primary.at),
    );
    if (late.length > 0) throw new Error(`${late.length} secondaries shut down after the primary`);
    shutdown = (primary.at - lowAt) / 1000;
  } finally {
    await site.stop();
  }
  return { shutdown, wall: (Date.now() - startedAt) / 1000 };
}
