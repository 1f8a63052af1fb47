import { chownSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { dropPrivileges, lookupUser, notifySystemd, systemClock } from '@nut-ts/core';
import { ConfigError, confPath, loadUpsConf } from '@nut-ts/config';
import { DriverExit, parseDriverArgs, type DriverArgs } from './cli-args.js';
import type { Driver, DriverContext, DriverMeta } from './driver.js';
import { DriverRuntime } from './driver-runtime.js';
import { StateStore } from './state-store.js';
import { StatusBuilder } from './status.js';

/** The signals a driver reacts to; `process` in the bins, an EventEmitter in tests. */
export interface SignalSource {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  on(signal: 'SIGHUP', listener: () => void): unknown;
  off(signal: 'SIGHUP', listener: () => void): unknown;
}

export interface DriverIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Default: `process`. */
  signals?: SignalSource;
  /** Where the JSON log goes; default: stderr (fd 2). */
  log?: { write(line: string): void };
}

/** A failure that ends the run: the driver's name, then each line of the message. */
function oneLinePerProblem(name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => `${name}: ${line}\n`).join('') || `${name}: failed\n`;
}

/**
 * The command line shared by every nut-ts driver. Resolves with the exit code once the driver
 * stops (SIGTERM/SIGINT) or, with `-k`, once the UPS was told to cut power. `createDriver` may
 * be async, so a program can load code only some of its modes need. Never rejects: a
 * bad option, a driver that cannot be built or a failed start is one line per problem on
 * stderr (no stack trace) and exit code 1, as NUT's fatalx.
 */
export async function runDriverCli(
  argv: string[],
  io: DriverIo,
  createDriver: (ctx: DriverContext) => Driver | Promise<Driver>,
  meta: DriverMeta,
): Promise<number> {
  try {
    return await run(parseDriverArgs(argv, meta), io, createDriver, meta);
  } catch (error) {
    if (error instanceof DriverExit) {
      if (error.stdout) io.stdout(error.stdout);
      if (error.stderr) io.stderr(error.stderr);
      return error.code;
    }
    io.stderr(oneLinePerProblem(meta.name, error));
    return 1;
  }
}

function loadSection(args: DriverArgs, dir: string, meta: DriverMeta) {
  let conf;
  try {
    conf = loadUpsConf(dir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new DriverExit(1, '', `${meta.name}: configuration error:\n${error.message}\n`);
  }
  const section = conf.ups.find((ups) => ups.name === args.upsName);
  if (!section)
    throw new Error(
      `no section [${args.upsName}] with driver and port in ${join(dir, 'ups.conf')}`,
    );
  const options: Record<string, string> = { ...section.options };
  for (const [key, value] of args.overrides) options[key] = value;
  const flags = [...section.flags, ...args.flags.filter((f) => !section.flags.includes(f))];
  const where = `${join(dir, 'ups.conf')} [${section.name}]`;
  const text = options.pollinterval;
  const pollInterval = text === undefined ? conf.globals.pollInterval : Number(text);
  if (!Number.isInteger(pollInterval) || pollInterval < 1)
    throw new Error(
      `${where}: pollinterval = ${text}: must be a whole number of seconds, 1 or more`,
    );
  return { section, options, flags, globals: conf.globals, pollInterval };
}

async function run(
  args: DriverArgs,
  io: DriverIo,
  createDriver: (ctx: DriverContext) => Driver | Promise<Driver>,
  meta: DriverMeta,
): Promise<number> {
  const dir = confPath(io.env);
  const { section, options, flags, globals, pollInterval } = loadSection(args, dir, meta);
  const level = ['info', 'debug', 'trace'][Math.min(args.debug, 2)]!;
  const logger = pino(
    { name: meta.name, level, base: { ups: section.name } },
    io.log ?? pino.destination({ fd: 2, sync: true }),
  );
  const store = new StateStore();
  const ctx: DriverContext = {
    upsName: section.name,
    store,
    status: new StatusBuilder(store, { ignoreLb: flags.includes('ignorelb') }),
    options,
    flags,
    confDir: dir,
    logger,
    clock: systemClock,
  };
  const driver = await createDriver(ctx);
  if (args.killPower) return killPower(driver, ctx, meta, io);
  const statePath = io.env.NUT_STATEPATH || globals.statePath || '/run/nut';
  const socketPath = join(statePath, `${meta.name}-${section.name}`);
  const runtime = new DriverRuntime(driver, meta, ctx, { socketPath, pollInterval });
  try {
    await runtime.start();
    if (args.user) {
      // The socket goes to the user (mode 0660) before root is dropped, as NUT's drivers do.
      const user = lookupUser(args.user);
      if (user && process.getuid?.() === 0) chownSync(socketPath, user.uid, user.gid);
      logger.info(dropPrivileges(args.user));
    }
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  void notifySystemd('--ready');
  const signals = io.signals ?? process;
  return new Promise<number>((resolve) => {
    const refresh = () => {
      logger.info('SIGHUP: refreshing from the device');
      void runtime.cycle();
    };
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      signals.off('SIGHUP', refresh);
      void notifySystemd('STOPPING=1');
      void runtime.stop().then(() => resolve(0));
    };
    signals.once('SIGTERM', () => stop('SIGTERM'));
    signals.once('SIGINT', () => stop('SIGINT'));
    signals.on('SIGHUP', refresh);
  });
}

/** `-k`: init the driver, tell the UPS to cut power, exit 0; any failure is exit 1. */
async function killPower(
  driver: Driver,
  ctx: DriverContext,
  meta: DriverMeta,
  io: DriverIo,
): Promise<number> {
  try {
    if (!driver.killpower) throw new Error('this driver cannot cut the UPS power');
    await driver.init(ctx);
    await driver.killpower(ctx);
    ctx.logger.info('the UPS was told to cut power');
    return 0;
  } catch (error) {
    io.stderr(`${meta.name}: kill power failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await driver.close?.().catch(() => {});
  }
}
