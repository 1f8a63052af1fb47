import { Site, type SiteOptions } from '../site/site.js';
import { judgeShutdown, type Verdict } from '../site/verdict.js';
import type { TimelineEvent } from '../site/timeline.js';

export interface PowerCutResult {
  verdict: Verdict;
  site: Site;
}

/**
 * The default scenario: a site of one primary and N secondaries loses mains; the battery runs
 * low; the primary sets FSD; secondaries shut down; the primary follows once the count is 1.
 * The caller stops the returned site.
 */
export async function runPowerCut(
  options: SiteOptions & {
    onEvent?: (event: TimelineEvent, site: Site) => void;
    lowBatteryAfterMs?: number;
  },
): Promise<PowerCutResult> {
  const site = new Site(options);
  if (options.onEvent) site.timeline.on('event', (event) => options.onEvent?.(event, site));
  await site.start();
  await site.powerCut(options.lowBatteryAfterMs ?? 2000);
  const budget =
    (site.timers.hostSync + site.timers.finalDelay * 2 + site.timers.deadTime + 30) * 1000;
  await site.waitForHostsDown(budget);
  return { verdict: judgeShutdown(site), site };
}
