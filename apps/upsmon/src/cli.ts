import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { lookupUser } from '@nut-ts/core';
import {
  ConfigError,
  confPath,
  formatDiagnostic,
  loadUpsmonConf,
  type UpsmonConf,
} from '@nut-ts/config';
import { clearPowerDownFlag, powerDownFlagSet } from './runtime/shutdown.js';
import { readHead, writeWholeFile } from '@nut-ts/core';
import { runMonitor } from './monitor-process.js';
import { CHILD_USER_ENV } from './privsep/privileged-parent.js';
import { runChild, runParent } from './privsep/processes.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** How to start this program again, for the monitoring child (default: this Node and script). */
  self?: readonly string[];
}

const HELP = `usage: upsmon [OPTIONS]

The NUT management daemon: watches the UPSes of upsmon.conf ($NUT_CONFPATH/upsmon.conf) and
shuts this host down safely when their batteries run out. A primary sets FSD, waits for the
secondaries to log out (HOSTSYNC), then shuts down; a secondary shuts down when it sees FSD.

  -c <command>  send <command> to the running upsmon: fsd, reload, stop
  -P <pid>      send the command to this PID instead of the one in the PID file
  -D            more debugging output (repeat for more)
  -F            stay in the foreground (nut-ts always does)
  -K            exit 0 when POWERDOWNFLAG is set (the UPS should cut power), else 1
  -p            run everything as root: no privilege separation
  -u <user>     as root, monitor as <user> (overrides RUN_AS_USER); a root parent stays
                only to write POWERDOWNFLAG and run SHUTDOWNCMD when the monitor asks
  --dry-run     decide and log everything, but send no FSD and run no command
  --no-push     poll only, as NUT's upsmon does; by default a nut-ts upsd's pushed status
                changes (NUTTS-WATCH) are polled at once
  -V            print the version and exit
  -h            this help

PID file: upsmon.pid in $NUT_ALTPIDPATH, else $NUT_STATEPATH (default /run/nut), so several
instances can run on one machine. SIGUSR1 = forced shutdown, SIGHUP = reload, SIGTERM = stop.
`;

function pidFile(env: NodeJS.ProcessEnv): string {
  return join(env.NUT_ALTPIDPATH || env.NUT_STATEPATH || '/run/nut', 'upsmon.pid');
}

function signalRunning(
  env: NodeJS.ProcessEnv,
  command: string,
  pid: string | undefined,
): string | undefined {
  const signal = ({ fsd: 'SIGUSR1', reload: 'SIGHUP', stop: 'SIGTERM' } as const)[command as 'fsd'];
  if (!signal) return `unknown command '${command}' for -c (use fsd, reload or stop)`;
  const file = pidFile(env);
  let target = Number(pid);
  if (!pid) {
    try {
      target = Number.parseInt(readHead(file), 10);
    } catch {
      return `cannot read ${file}: is upsmon running?`;
    }
  }
  try {
    process.kill(target, signal);
  } catch (error) {
    return `cannot signal PID ${target}: ${(error as Error).message}`;
  }
  return undefined;
}

/**
 * The PID of another upsmon that owns `file`, if it still runs. A PID reused by some other
 * program (its command line, when readable, does not mention upsmon) does not count.
 */
function runningInstance(file: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readHead(file), 10);
  } catch {
    return undefined;
  }
  if (!(pid > 1) || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  try {
    if (!readHead(`/proc/${pid}/cmdline`, 4096).includes('upsmon')) return undefined;
  } catch {
    // no /proc: trust the PID file, as NUT does
  }
  return pid;
}

/** upsmon's command line; resolves with the exit code. */
export async function runUpsmon(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        c: { type: 'string' },
        P: { type: 'string' },
        D: { type: 'boolean', multiple: true },
        F: { type: 'boolean', multiple: true },
        B: { type: 'boolean' },
        K: { type: 'boolean' },
        p: { type: 'boolean' },
        u: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'no-push': { type: 'boolean' },
        V: { type: 'boolean' },
        h: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.stderr(`upsmon: ${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  if (values.h || values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.V) {
    io.stdout('Network UPS Tools upsmon 2.8.0 (nut-ts 0.1.0)\n');
    return 0;
  }
  if (values.c) {
    const problem = signalRunning(io.env, values.c, values.P);
    if (problem) io.stderr(`upsmon: ${problem}\n`);
    return problem ? 1 : 0;
  }
  let conf: UpsmonConf;
  try {
    conf = loadUpsmonConf(confPath(io.env));
  } catch (error) {
    io.stderr(
      `upsmon: ${error instanceof ConfigError ? `configuration error:\n${error.message}` : (error as Error).message}\n`,
    );
    return 1;
  }
  if (values.K) {
    if (!conf.powerDownFlag) {
      io.stderr('upsmon: POWERDOWNFLAG is not set in upsmon.conf\n');
      return 1;
    }
    return powerDownFlagSet(conf.powerDownFlag) ? 0 : 1;
  }
  const level = ['info', 'debug', 'trace'][Math.min(values.D?.length ?? 0, 2)]!;
  const destination = pino.destination({ fd: 2, sync: true });
  const logger = pino({ name: 'upsmon', level }, destination);
  const dryRun = values['dry-run'] ?? false;
  const push = !values['no-push'];
  const flushLogs = () => destination.flushSync();
  const childUser = io.env[CHILD_USER_ENV];
  if (childUser !== undefined)
    return runChild(conf, childUser, { io, logger, flushLogs, dryRun, push });

  const pidPath = pidFile(io.env);
  const previous = runningInstance(pidPath);
  if (previous !== undefined) {
    // Two upsmon on one host would both count as logins and both run SHUTDOWNCMD.
    io.stderr(
      `upsmon: a previous upsmon instance is already running (PID ${previous}, ${pidPath}): stop it first, or use -c reload\n`,
    );
    return 1;
  }
  const user = values.u ?? conf.runAsUser;
  const split = splitMode(user, values.p ?? false, logger);
  if (split === 'bad-user') {
    io.stderr(`upsmon: ${values.u ? '-u' : 'RUN_AS_USER'} ${user}: no such user\n`);
    return 1;
  }
  for (const warning of conf.warnings) logger.warn(formatDiagnostic(warning));
  if (conf.monitors.length === 0) logger.warn('no MONITOR lines in upsmon.conf: nothing to watch');
  if (conf.powerDownFlag) clearPowerDownFlag(conf.powerDownFlag);
  try {
    writeWholeFile(pidPath, `${process.pid}\n`);
  } catch (error) {
    logger.error(
      { file: pidPath, err: (error as Error).message },
      `cannot write PID file ${pidPath}: ${(error as Error).message}; monitoring anyway (upsmon -c needs -P <pid>)`,
    );
  }
  if (dryRun) logger.warn('dry run: decisions are logged, nothing is run');
  if (split === 'split')
    return runParent(conf, user!, { io, logger, flushLogs, dryRun, pidPath, argv, self: io.self });
  return runMonitor(conf, { env: io.env, logger, flushLogs, dryRun, push, pidPath, notify: true });
}

/**
 * Whether to split into a root parent and an unprivileged child: only as root, with a user to
 * drop to (RUN_AS_USER or -u), and without -p. NUT falls back to a built-in user; we run as we
 * were started, so an existing root setup without RUN_AS_USER keeps working, and say so.
 */
function splitMode(
  user: string | undefined,
  allRoot: boolean,
  logger: pino.Logger,
): 'split' | 'single' | 'bad-user' {
  const root = process.getuid?.() === 0;
  if (!root) {
    if (user) logger.debug(`not running as root: ${user} has nothing to drop`);
    return 'single';
  }
  if (allRoot) {
    logger.warn('-p: monitoring with full root privileges (no privilege separation)');
    return 'single';
  }
  if (!user) {
    logger.warn(
      'running as root without RUN_AS_USER or -u: monitoring with full root privileges; set RUN_AS_USER to separate them',
    );
    return 'single';
  }
  return lookupUser(user) ? 'split' : 'bad-user';
}
