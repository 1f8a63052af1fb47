import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runInteractive } from './interactive.js';
import { runPowerCut } from './scenarios/power-cut.js';

export interface SimIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Where --interactive reads its commands (stdin in the bin). */
  input?: NodeJS.ReadableStream;
}

const VERSION = '0.1.0';

const HELP = `usage: nut-sim [options]

Runs a simulated NUT site on this machine and prints its timeline: a UPS (dummy-ups), upsd,
one primary and N secondary upsmon "hosts", each with its own configuration. Nothing is shut
down for real: each host's SHUTDOWNCMD records the moment and the host's upsmon exits.

Scenarios:
  power-cut   mains fail, the battery runs low, the primary sets FSD, the secondaries shut
              down, the primary follows once the active count is 1 (default)

Options:
  -s, --secondaries N   number of secondary hosts (default 3)
      --ups KIND        dummy (dummy-ups on a .dev file, default) or megatec (the Megatec
                        simulator read by nutdrv_qx; the primary also tells it to cut power)
      --scenario NAME   scenario to run (default power-cut)
      --hostsync S      HOSTSYNC of every upsmon in seconds (default 15)
      --nut-secondaries N
                        run N of the secondaries with Debian's NUT 2.8.0 upsmon
                        (/lib/nut/upsmon) instead of ours (default 0)
      --netns           put each host in its own network namespace on a bridge, with its
                        own address (needs root and iproute2; otherwise every host runs
                        on loopback and the timeline says so)
      --web             also start nut-web on the site and print the dashboard's URL
      --low-after MS    how long the UPS runs on battery before the battery is low (default 2000)
      --dir PATH        working directory (default: a new temp dir, removed afterwards)
      --keep            keep the working directory (configs and logs) afterwards
      --json            print timeline events as JSON lines
      --report FILE     write the verdict and the whole timeline to FILE as JSON
      --interactive     start the site and take power events from the keyboard
                        (mains off, low, mains on, status, quit) instead of a scenario
  -h, --help            this help
  -V, --version         version
`;

/** nut-sim: returns the exit code (0 when the shutdown went as NUT's rules require). */
export async function runSim(argv: string[], io: SimIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        secondaries: { type: 'string', short: 's', default: '3' },
        scenario: { type: 'string', default: 'power-cut' },
        ups: { type: 'string', default: 'dummy' },
        hostsync: { type: 'string', default: '15' },
        dir: { type: 'string' },
        keep: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        web: { type: 'boolean', default: false },
        netns: { type: 'boolean', default: false },
        'nut-secondaries': { type: 'string', default: '0' },
        report: { type: 'string' },
        interactive: { type: 'boolean', default: false },
        'low-after': { type: 'string', default: '2000' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'V', default: false },
      },
    }));
  } catch (error) {
    io.stderr(`nut-sim: ${(error as Error).message}\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`nut-sim ${VERSION}\n`);
    return 0;
  }
  const secondaries = Number(values.secondaries);
  const hostSync = Number(values.hostsync);
  if (!Number.isInteger(secondaries) || secondaries < 0 || secondaries > 200) {
    io.stderr('nut-sim: --secondaries must be a whole number from 0 to 200\n');
    return 2;
  }
  if (!Number.isFinite(hostSync) || hostSync < 1) {
    io.stderr('nut-sim: --hostsync must be at least 1 second\n');
    return 2;
  }
  const nutSecondaries = Number(values['nut-secondaries']);
  if (!Number.isInteger(nutSecondaries) || nutSecondaries < 0 || nutSecondaries > secondaries) {
    io.stderr('nut-sim: --nut-secondaries must be a whole number from 0 to --secondaries\n');
    return 2;
  }
  if (values.ups !== 'dummy' && values.ups !== 'megatec') {
    io.stderr(`nut-sim: --ups must be dummy or megatec, not '${values.ups}'\n`);
    return 2;
  }
  if (values.scenario !== 'power-cut') {
    io.stderr(`nut-sim: unknown scenario '${values.scenario}' (known: power-cut)\n`);
    return 2;
  }
  const network = { netns: values.netns, nutSecondaries };
  if (values.interactive) {
    return runInteractive(
      {
        secondaries,
        ...network,
        timers: { hostSync },
        ups: values.ups,
        web: values.web,
        keep: values.keep,
        ...(values.dir !== undefined && { dir: values.dir }),
      },
      { stdout: io.stdout, input: io.input ?? process.stdin },
    );
  }
  io.stdout(`nut-sim: power cut on a site of 1 primary and ${secondaries} secondaries\n`);
  const result = await runPowerCut({
    secondaries,
    ...network,
    timers: { hostSync },
    ups: values.ups,
    web: values.web,
    lowBatteryAfterMs: Number(values['low-after']) || 2000,
    keep: values.keep,
    ...(values.dir !== undefined && { dir: values.dir }),
    onEvent: (event, site) =>
      io.stdout(values.json ? `${JSON.stringify(event)}\n` : `${site.timeline.format(event)}\n`),
  }).catch((error: Error) => error);
  if (result instanceof Error) {
    io.stderr(`nut-sim: the simulation failed: ${result.message}\n`);
    return 1;
  }
  const { site, verdict } = result;
  try {
    io.stdout(`\nverdict:\n${verdict.findings.map((line) => `  ${line}`).join('\n')}\n`);
    if (values.report) {
      writeFileSync(
        values.report,
        `${JSON.stringify({ ok: verdict.ok, findings: verdict.findings, timeline: site.timeline.events }, null, 2)}\n`,
      );
      io.stdout(`report: ${values.report}\n`);
    }
    if (values.keep || values.dir) io.stdout(`configs and logs: ${site.dir}\n`);
    if (!verdict.ok) io.stderr(`nut-sim: the shutdown did not follow the rules\n${site.logs()}\n`);
  } finally {
    await site.stop();
  }
  return verdict.ok ? 0 : 1;
}
