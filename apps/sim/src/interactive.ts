import { createInterface } from 'node:readline';
import { Site, type SiteOptions } from './site/site.js';
import { judgeShutdown } from './site/verdict.js';

export const INTERACTIVE_HELP = `commands:
  mains off      the power fails: the UPS goes on battery
  low            the battery runs low
  mains on       the power comes back
  cut HOST       cut HOST off from upsd (a real partition with --netns)
  reconnect HOST bring HOST's link back
  status         the hosts still up, the active count, the verdict so far
  quit           stop the site
`;

/**
 * Runs a site until the user quits, taking power events from `input` line by line, so a power
 * cut can be rehearsed step by step (with the dashboard open, if `web` is set).
 */
export async function runInteractive(
  options: SiteOptions,
  io: { stdout: (text: string) => void; input: NodeJS.ReadableStream },
): Promise<number> {
  // Hosts can be cut off: through their own namespace, or else through a relay each.
  const site = new Site({ relays: true, ...options });
  site.timeline.on('event', (event) => io.stdout(`${site.timeline.format(event)}\n`));
  await site.start();
  io.stdout(`\nthe site is up (${site.hosts.length} hosts). ${INTERACTIVE_HELP}`);
  const lines = createInterface({ input: io.input });
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === 'quit' || line === 'exit') break;
      if (line === 'mains off') await site.mainsOff();
      else if (line === 'low') await site.lowBattery();
      else if (line === 'mains on') await site.mainsBack();
      else if (/^(cut|reconnect) \S+$/.test(line)) {
        const [verb, host] = line.split(' ') as [string, string];
        if (!site.hosts.some((h) => h.name === host)) {
          io.stdout(`no host '${host}' (hosts: ${site.hosts.map((h) => h.name).join(', ')})\n`);
        } else if (verb === 'cut') await site.cutOff(host);
        else await site.reconnect(host);
      } else if (line === 'status') {
        const up = site.hosts.filter((h) => h.process?.running).map((h) => h.name);
        io.stdout(
          `hosts up: ${up.join(', ') || 'none'}; active count ${site.timeline.filter('count').at(-1)?.count ?? '?'}\n`,
        );
        io.stdout(
          `${judgeShutdown(site)
            .findings.map((f) => `  ${f}`)
            .join('\n')}\n`,
        );
      } else if (line) io.stdout(`unknown command '${line}'\n${INTERACTIVE_HELP}`);
    }
  } finally {
    lines.close();
    await site.stop();
  }
  return 0;
}
