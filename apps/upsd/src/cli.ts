import { parseArgs } from 'node:util';
import pino from 'pino';
import { dropPrivileges, notifySystemd } from '@nut-ts/core';
import {
  ConfigError,
  confPath,
  formatDiagnostic,
  loadUpsConf,
  loadUpsdConf,
  loadUpsdUsers,
  type Diagnostic,
  type UpsdUsers,
} from '@nut-ts/config';
import { createUpsd, type Upsd, type UpsdConfig } from './create-upsd.js';
import { pidFilePath, removePidFile, signalPidFile, writePidFile } from './pid-file.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const VERSION = 'Network UPS Tools upsd 2.8.0 (nut-ts 0.1.0)';

const HELP = `usage: upsd [OPTIONS]

The NUT attachment daemon: serves the data of the UPS drivers listed in ups.conf over the
NUT network protocol (port 3493).

  -c <command>  send <command> to the running upsd: reload, stop
  -P <pid>      send the command to this PID instead of the one in the PID file
  -D            more debugging output (repeat for more)
  -F            stay in the foreground (nut-ts always does; accepted for NUT scripts)
  -B            accepted for compatibility; nut-ts stays in the foreground
  -u <user>     drop root to this user once the listeners are bound
  -4 / -6       accepted for compatibility; use LISTEN lines instead
  -V            print the version and exit
  -h            this help

Files in $NUT_CONFPATH (default /etc/nut): upsd.conf, ups.conf, upsd.users.
Driver sockets in $NUT_STATEPATH (or STATEPATH in upsd.conf, default /run/nut).
SIGHUP reloads the configuration; SIGTERM stops.
`;

/** Reads and checks every file upsd needs; refuses when NUT's upsd would (§3.6). */
export function loadUpsdConfig(env: NodeJS.ProcessEnv, warn: (d: Diagnostic) => void): UpsdConfig {
  const dir = confPath(env);
  const upsd = loadUpsdConf(dir);
  const ups = loadUpsConf(dir);
  if (ups.ups.length === 0 && !upsd.allowNoDevice && !env.ALLOW_NO_DEVICE) {
    throw new ConfigError([
      {
        file: `${dir}/ups.conf`,
        line: 0,
        message: 'no UPS defined (set ALLOW_NO_DEVICE true in upsd.conf to start anyway)',
      },
    ]);
  }
  if (upsd.tlsRequired !== 'off' && !upsd.certFile) {
    throw new ConfigError([
      { file: `${dir}/upsd.conf`, line: 0, message: 'TLS_REQUIRED needs a CERTFILE' },
    ]);
  }
  let users: UpsdUsers;
  try {
    users = loadUpsdUsers(dir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const d of error.diagnostics)
      warn({ ...d, message: `${d.message} (running with no users)` });
    users = { users: new Map(), warnings: [] };
  }
  for (const d of [...upsd.warnings, ...ups.warnings, ...users.warnings]) warn(d);
  const statePath = env.NUT_STATEPATH || ups.globals.statePath || upsd.statePath || '/run/nut';
  return { upsd, ups, users, statePath };
}

/**
 * Where the running upsd's PID file is, for `-c`: found without requiring valid configuration
 * files, so that `-c stop` works while upsd.conf is being edited. Environment first, then the
 * state path the files name if they can be read.
 */
function runningPidFile(env: NodeJS.ProcessEnv): string {
  let statePath = env.NUT_STATEPATH;
  if (!statePath && !env.NUT_ALTPIDPATH) {
    try {
      statePath = loadUpsdConfig(env, () => {}).statePath;
    } catch {
      statePath = '/run/nut';
    }
  }
  return pidFilePath('upsd', statePath ?? '/run/nut', env);
}

/** `-c reload|stop [-P pid]`: signals the running upsd. */
function sendCommand(command: string, pid: string | undefined, io: CliIo): number {
  const signal = ({ reload: 'SIGHUP', stop: 'SIGTERM' } as const)[command as 'reload' | 'stop'];
  if (!signal) {
    io.stderr(`upsd: unknown command '${command}' for -c (use reload or stop)\n`);
    return 1;
  }
  try {
    if (pid === undefined) signalPidFile(runningPidFile(io.env), signal);
    else if (/^\d+$/.test(pid) && Number(pid) > 1) process.kill(Number(pid), signal);
    else throw new Error(`-P wants a process ID, not '${pid}'`);
    return 0;
  } catch (error) {
    io.stderr(`upsd: ${(error as Error).message}\n`);
    return 1;
  }
}

/** upsd's command line; resolves with the exit code once upsd stops. */
export async function runUpsd(argv: string[], io: CliIo): Promise<number> {
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
        u: { type: 'string' },
        r: { type: 'string' },
        '4': { type: 'boolean' },
        '6': { type: 'boolean' },
        V: { type: 'boolean' },
        h: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.stderr(`upsd: ${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  if (values.h || values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.V) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const level = ['info', 'debug', 'trace'][Math.min(values.D?.length ?? 0, 2)]!;
  const logger = pino({ name: 'upsd', level }, pino.destination({ fd: 2, sync: true }));
  const warn = (d: Diagnostic) => logger.warn(formatDiagnostic(d));

  if (values.c) return sendCommand(values.c, values.P, io);

  let config: UpsdConfig;
  try {
    config = loadUpsdConfig(io.env, warn);
  } catch (error) {
    io.stderr(
      `upsd: ${error instanceof ConfigError ? `configuration error:\n${error.message}` : (error as Error).message}\n`,
    );
    return 1;
  }
  const pidFile = pidFilePath('upsd', config.statePath, io.env);
  let upsd: Upsd | undefined;
  try {
    upsd = createUpsd(config, { logger });
    await upsd.listen();
  } catch (error) {
    io.stderr(`upsd: ${(error as Error).message}\n`);
    await upsd?.close();
    return 1;
  }
  try {
    writePidFile(pidFile);
  } catch (error) {
    logger.warn(`cannot write PID file ${pidFile}: ${(error as Error).message}`);
  }
  if (values.u) {
    // Listeners are bound and the PID file written: what needs root is done.
    try {
      logger.info(dropPrivileges(values.u));
    } catch (error) {
      io.stderr(`upsd: ${(error as Error).message}\n`);
      await upsd.close();
      return 1;
    }
  }
  logger.info(
    { ups: config.ups.ups.map((u) => u.name), statePath: config.statePath },
    'upsd started',
  );
  void notifySystemd('--ready', '--status=serving');

  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      void notifySystemd('STOPPING=1');
      process.off('SIGHUP', reload);
      void upsd.close().then(() => {
        removePidFile(pidFile);
        resolve(0);
      });
    };
    const reload = () =>
      void notifySystemd('RELOADING=1').then(() => {
        try {
          upsd.reload(loadUpsdConfig(io.env, warn));
        } catch (error) {
          logger.error(`reload failed, keeping the old configuration: ${(error as Error).message}`);
        }
        return notifySystemd('--ready');
      });
    process.on('SIGHUP', reload);
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
