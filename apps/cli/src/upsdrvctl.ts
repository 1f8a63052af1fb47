import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, confPath, loadUpsConf, type UpsConf, type UpsSection } from '@nut-ts/config';
import type { ToolIo } from './io.js';

const HELP = `Network UPS Tools - UPS driver controller 2.8.0 (nut-ts)

usage: upsdrvctl [OPTIONS] (start | stop | shutdown) [<ups>]

  -F            start the driver(s) in the foreground (for service managers)
  -D            pass -D to the drivers
  -u <user>     accepted for compatibility
  -t            testing: show what would be done, do nothing
  -h            this help

  start         start the driver(s) of ups.conf (or only <ups>), retrying maxretry times
                every retrydelay seconds, waiting up to maxstartdelay for each
  stop          stop the driver(s)
  shutdown      tell the UPS(es) to cut power, in sdorder order (sdorder -1 = never)
`;

/** Finds a driver program: ups.conf driverpath, node_modules/.bin above us, then PATH. */
export function findDriver(
  name: string,
  driverPath: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const candidates: string[] = [];
  if (driverPath) candidates.push(join(driverPath, name));
  let dir = dirname(fileURLToPath(import.meta.url));
  const { root } = parse(dir);
  while (dir !== root) {
    candidates.push(join(dir, 'node_modules', '.bin', name));
    dir = dirname(dir);
  }
  for (const entry of (env.PATH ?? '').split(delimiter))
    if (entry) candidates.push(join(entry, name));
  return candidates.find((path) => existsSync(path));
}

function socketPath(ups: UpsSection, conf: UpsConf, env: NodeJS.ProcessEnv): string {
  return join(
    env.NUT_STATEPATH || conf.globals.statePath || '/run/nut',
    `${ups.driver}-${ups.name}`,
  );
}

/**
 * Sends `request` to a driver socket and resolves with the first reply line matching `answer`.
 * Other lines are skipped: a driver broadcasts its updates (SETINFO, DATAOK...) to every
 * connection, and one may arrive before the answer.
 */
function ask(path: string, request: string, answer: RegExp, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer'));
    }, timeoutMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (data) => {
      text += data.toString();
      const lines = text.split('\n');
      text = lines.pop()!;
      const reply = lines.find((line) => answer.test(line));
      if (reply === undefined) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function running(path: string): Promise<boolean> {
  return ask(path, 'PING\n', /^PONG$/, 1000).then(
    () => true,
    () => false,
  );
}

async function startOne(
  ups: UpsSection,
  conf: UpsConf,
  io: ToolIo,
  debug: boolean,
): Promise<boolean> {
  const program = findDriver(ups.driver, conf.globals.driverPath, io.env);
  if (!program) {
    io.stderr(`Can't start driver for UPS [${ups.name}]: program '${ups.driver}' not found\n`);
    return false;
  }
  const path = socketPath(ups, conf, io.env);
  const maxStartDelay = (ups.maxStartDelay ?? conf.globals.maxStartDelay) * 1000;
  for (let attempt = 1; attempt <= Math.max(1, conf.globals.maxRetry); attempt++) {
    io.stdout(`Network UPS Tools - starting ${ups.driver} for [${ups.name}]\n`);
    const child = spawn(program, ['-a', ups.name, ...(debug ? ['-D'] : [])], {
      env: io.env,
      detached: true,
      stdio: 'ignore',
    });
    child.unref();
    const deadline = Date.now() + maxStartDelay;
    let exited = false;
    child.once('exit', () => (exited = true));
    while (Date.now() < deadline && !exited) {
      if (await running(path)) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!exited) child.kill();
    if (attempt < conf.globals.maxRetry)
      await new Promise((resolve) => setTimeout(resolve, conf.globals.retryDelay * 1000));
  }
  io.stderr(`Driver failed to start for UPS [${ups.name}] (exit status not OK)\n`);
  return false;
}

async function stopOne(ups: UpsSection, conf: UpsConf, io: ToolIo): Promise<boolean> {
  const path = socketPath(ups, conf, io.env);
  try {
    const reply = await ask(path, 'GETPID\n', /^PID \d+$/);
    const pid = Number(reply.slice('PID '.length));
    process.kill(pid, 'SIGTERM');
    io.stdout(`Stopping UPS: ${ups.name}\n`);
    return true;
  } catch (error) {
    io.stderr(`Can't stop UPS [${ups.name}]: ${(error as Error).message}\n`);
    return false;
  }
}

async function shutdownOne(ups: UpsSection, conf: UpsConf, io: ToolIo): Promise<boolean> {
  const program = findDriver(ups.driver, conf.globals.driverPath, io.env);
  if (!program) {
    io.stderr(`Can't shut down UPS [${ups.name}]: program '${ups.driver}' not found\n`);
    return false;
  }
  io.stdout(`Shutdown UPS: ${ups.name}\n`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(program, ['-a', ups.name, '-k'], {
      env: io.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', () => resolve(1));
    child.on('exit', (status) => resolve(status ?? 1));
  });
  if (code !== 0) io.stderr(`Driver failed to shut down UPS [${ups.name}]\n`);
  return code === 0;
}

/** upsdrvctl: start, stop or shut down the drivers of ups.conf. */
export async function upsdrvctl(argv: string[], io: ToolIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        F: { type: 'boolean' },
        D: { type: 'boolean' },
        u: { type: 'string' },
        t: { type: 'boolean' },
        h: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${HELP}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, only] = positionals;
  if (values.h || values.help || !command || !['start', 'stop', 'shutdown'].includes(command)) {
    io.stdout(HELP);
    return values.h || values.help ? 0 : 1;
  }
  let conf: UpsConf;
  try {
    conf = loadUpsConf(confPath(io.env));
  } catch (error) {
    io.stderr(
      `upsdrvctl: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`,
    );
    return 1;
  }
  let targets = only ? conf.ups.filter((ups) => ups.name === only) : [...conf.ups];
  if (only && targets.length === 0) {
    io.stderr(`UPS ${only} not found in ups.conf\n`);
    return 1;
  }
  if (command === 'shutdown') {
    targets = targets
      .filter((ups) => (ups.sdOrder ?? 0) >= 0)
      .sort((a, b) => (a.sdOrder ?? 0) - (b.sdOrder ?? 0));
  }
  if (values.t) {
    for (const ups of targets) io.stdout(`would ${command} ${ups.driver} for [${ups.name}]\n`);
    return 0;
  }
  if (command === 'start' && values.F) {
    const ups = targets[0]!;
    const program = findDriver(ups.driver, conf.globals.driverPath, io.env);
    if (!program || targets.length !== 1) {
      io.stderr(
        program
          ? 'upsdrvctl -F starts exactly one UPS: name it\n'
          : `program '${ups.driver}' not found\n`,
      );
      return 1;
    }
    return new Promise((resolve) => {
      const child = spawn(program, ['-a', ups.name, '-F', ...(values.D ? ['-D'] : [])], {
        env: io.env,
        stdio: 'inherit',
      });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on('SIGTERM', forward);
      process.on('SIGHUP', forward);
      child.on('exit', (code) => resolve(code ?? 1));
    });
  }
  let ok = true;
  for (const ups of targets) {
    const done =
      command === 'start'
        ? await startOne(ups, conf, io, values.D ?? false)
        : command === 'stop'
          ? await stopOne(ups, conf, io)
          : await shutdownOne(ups, conf, io);
    ok &&= done;
  }
  return ok ? 0 : 1;
}
