import { parseArgs } from 'node:util';
import type { DriverMeta } from './driver.js';

/** The common driver command line, parsed. */
export interface DriverArgs {
  upsName: string | undefined;
  /** `-x key=value` pairs, keys lower-cased, in order. */
  overrides: Array<[string, string]>;
  /** `-x flag` (no `=`): flags, as a bare word in ups.conf. */
  flags: string[];
  killPower: boolean;
  debug: number;
  user: string | undefined;
}

/** Ends the run before the driver starts: help, version, or a usage error (code 1). */
export class DriverExit {
  constructor(
    readonly code: number,
    readonly stdout = '',
    readonly stderr = '',
  ) {}
}

export function driverHelp(meta: DriverMeta): string {
  return `usage: ${meta.name} -a <upsname> [OPTIONS]

${meta.description}

  -a <upsname>   run the driver for this section of ups.conf ($NUT_CONFPATH/ups.conf)
  -x <key>=<val> set a driver option (overrides ups.conf)
  -k             tell the UPS to cut power (after its shutdown delay), then exit
  -D             more debugging output (repeat for more)
  -F             stay in the foreground (nut-ts drivers always do)
  -u <user>      drop root to this user once the socket exists (given to that user)
  -V             print the version and exit
  -h             this help

The driver serves its state on the Unix socket $NUT_STATEPATH/${meta.name}-<upsname>
(or ups.conf statepath, default /run/nut). SIGTERM stops it and removes the socket; SIGHUP
polls the device at once.
${meta.optionsHelp ? `\nDriver options (ups.conf or -x):\n${meta.optionsHelp}` : ''}`;
}

/** node's parseArgs errors in NUT's words: one line, then where to look. */
function usageError(error: Error & { code?: string }): string {
  // node names a short option `--a` in some messages; NUT's users know it as `-a`.
  const option = (/'(-{1,2}[^', ]+)/.exec(error.message)?.[1] ?? '').replace(/^--(\w)$/, '-$1');
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `option ${option} needs a value`;
  return error.message;
}

/** Parses the driver command line; throws {@link DriverExit} when the run ends here. */
export function parseDriverArgs(argv: string[], meta: DriverMeta): DriverArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        a: { type: 'string' },
        x: { type: 'string', multiple: true },
        k: { type: 'boolean' },
        D: { type: 'boolean', multiple: true },
        F: { type: 'boolean', multiple: true },
        B: { type: 'boolean' },
        u: { type: 'string' },
        V: { type: 'boolean' },
        h: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    const problem = usageError(error as Error);
    throw new DriverExit(1, '', `${meta.name}: ${problem}. Try -h for help.\n`);
  }
  if (values.h || values.help) throw new DriverExit(0, driverHelp(meta));
  if (values.V)
    throw new DriverExit(0, `Network UPS Tools - ${meta.description} ${meta.version} (nut-ts)\n`);
  if (!values.a)
    throw new DriverExit(1, '', `${meta.name}: -a <upsname> is required. Try -h for help.\n`);
  const overrides: Array<[string, string]> = [];
  const flags: string[] = [];
  for (const pair of values.x ?? []) {
    const at = pair.indexOf('=');
    if (at === 0 || pair.trim() === '')
      throw new DriverExit(1, '', `${meta.name}: -x '${pair}': needs key=value or a flag name\n`);
    if (at === -1) flags.push(pair.toLowerCase());
    else overrides.push([pair.slice(0, at).toLowerCase(), pair.slice(at + 1)]);
  }
  return {
    upsName: values.a,
    overrides,
    flags,
    killPower: values.k ?? false,
    debug: values.D?.length ?? 0,
    user: values.u,
  };
}
