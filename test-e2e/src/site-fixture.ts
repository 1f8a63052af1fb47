import { Site, type SiteOptions } from '@nut-ts/sim';
import { onTestFailed } from 'vitest';

/**
 * Creates a site for one test and registers its teardown; when the test fails, the timeline
 * and every program's output are printed.
 */
export function siteForTest(options: SiteOptions, sites: Site[]): Site {
  const site = new Site(options);
  sites.push(site);
  onTestFailed(() => {
    console.error(`timeline:\n${site.timeline.toText()}\n\n${site.logs()}`);
  });
  return site;
}

/** Stops every site a test file created. */
export async function stopSites(sites: Site[]): Promise<void> {
  await Promise.all(sites.splice(0).map((site) => site.stop()));
}
