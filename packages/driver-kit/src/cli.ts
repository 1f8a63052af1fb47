import { chownSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { dropPrivileges, lookupUser, notifySystemd, systemClock } from '@nut-ts/core';
import { ConfigError, confPath, loadUpsConf } from '@nut-ts/config';
import type { Driver, DriverContext, DriverMeta } from './driver.js';
import { DriverRuntime } from './driver-runtime.js';
import { StateStore } from './state-store.js';
import { StatusBuilder } from './status.js';

export interface DriverIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

function help(meta: DriverMeta): string {
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
(or ups.conf statepath, default /run/nut). SIGTERM stops it and removes the socket.
${meta.optionsHelp ? `\nDriver options (ups.conf or -x):\n${meta.optionsHelp}` : ''}`;
}

/**
 * The command line shared by every nut-ts driver. Resolves with the exit code once the driver
 * stops (SIGTERM/SIGINT) or, with `-k`, once the UPS was told to cut power.
 */
export async function runDriverCli(
  argv: string[],
  io: DriverIo,
  createDriver: (ctx: DriverContext) => Driver,
  meta: DriverMeta,
): Promise<number> {
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
    io.stderr(`${meta.name}: ${(error as Error).message}\n\n${help(meta)}`);
    return 1;
  }
  if (values.h || values.help) {
    io.stdout(help(meta));
    return 0;
  }
  if (values.V) {
    io.stdout(`Network UPS Tools - ${meta.description} ${meta.version} (nut-ts)\n`);
    return 0;
  }
  if (!values.a) {
    io.stderr(`${meta.name}: -a <upsname> is required\n\n${help(meta)}`);
    return 1;
  }
  const dir = confPath(io.env);
  let section;
  let globals;
  try {
    const conf = loadUpsConf(dir);
    globals = conf.globals;
    section = conf.ups.find((ups) => ups.name === values.a);
  } catch (error) {
    io.stderr(
      `${meta.name}: ${error instanceof ConfigError ? `configuration error:\n${error.message}` : (error as Error).message}\n`,
    );
    return 1;
  }
  if (!section) {
    io.stderr(
      `${meta.name}: no section [${values.a}] with driver and port in ${join(dir, 'ups.conf')}\n`,
    );
    return 1;
  }
  const options: Record<string, string> = { ...section.options };
  for (const pair of values.x ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      io.stderr(`${meta.name}: -x needs key=value, not '${pair}'\n`);
      return 1;
    }
    options[pair.slice(0, at).toLowerCase()] = pair.slice(at + 1);
  }
  const level = ['info', 'debug', 'trace'][Math.min(values.D?.length ?? 0, 2)]!;
  const logger = pino(
    { name: meta.name, level, base: { ups: section.name } },
    pino.destination({ fd: 2, sync: true }),
  );
  const store = new StateStore();
  const ctx: DriverContext = {
    upsName: section.name,
    store,
    status: new StatusBuilder(store, { ignoreLb: section.flags.includes('ignorelb') }),
    options,
    flags: section.flags,
    confDir: dir,
    logger,
    clock: systemClock,
  };
  const driver = createDriver(ctx);
  if (values.k) {
    try {
      await driver.init(ctx);
      if (!driver.killpower) throw new Error('this driver cannot cut the UPS power');
      await driver.killpower(ctx);
      logger.info('the UPS was told to cut power');
      await driver.close?.();
      return 0;
    } catch (error) {
      io.stderr(`${meta.name}: kill power failed: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const statePath = io.env.NUT_STATEPATH || globals.statePath || '/run/nut';
  const pollInterval = Number(options.pollinterval ?? globals.pollInterval) || globals.pollInterval;
  const socketPath = join(statePath, `${meta.name}-${section.name}`);
  const runtime = new DriverRuntime(driver, meta, ctx, {
    socketPath,
    pollInterval,
  });
  try {
    await runtime.start();
    if (values.u) {
      // The socket goes to the user (mode 0660) before root is dropped, as NUT's drivers do.
      const user = lookupUser(values.u);
      if (user && process.getuid?.() === 0) chownSync(socketPath, user.uid, user.gid);
      logger.info(dropPrivileges(values.u));
    }
  } catch (error) {
    io.stderr(`${meta.name}: ${(error as Error).message}\n`);
    await runtime.stop();
    return 1;
  }
  void notifySystemd('--ready');
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      void notifySystemd('STOPPING=1');
      void runtime.stop().then(() => resolve(0));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    process.on('SIGHUP', () => {
      logger.info('SIGHUP: refreshing from the device');
      void runtime.cycle();
    });
  });
}
