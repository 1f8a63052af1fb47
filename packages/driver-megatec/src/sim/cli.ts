import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { CONTROL_HELP, control } from './control.js';
import { MegatecUps, type SimulatorOptions } from './megatec-ups.js';
import { serveOverPty } from './pty-server.js';
import { serveOverTcp } from './tcp-server.js';

export interface SimIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Control lines come from here. */
  stdin: Readable;
  /** Aborting stops the simulator (the bin wires SIGTERM and SIGINT to it). */
  signal: AbortSignal;
}

export const SIM_VERSION = '0.1.0';

const HELP = `usage: megatec-sim [--tcp <port> | --pty <path>] [options]

A simulated Megatec/Q1 UPS, for nutdrv_qx (ours with port = tcp://127.0.0.1:<port>, or any
serial driver, NUT's included, through a pty). Prints "listening on 127.0.0.1:<port>" or
"serving <path>", then reads control lines on stdin and answers each with the state as JSON:
  ${CONTROL_HELP.replace(/\n/g, '\n  ')}

  --tcp <port>           TCP port on 127.0.0.1 (0, the default, = any free port)
  --host <address>       listen address (127.0.0.1)
  --pty <path>           serve on this pty end instead; make a pair with
                         socat pty,raw,echo=0,link=/tmp/ttyA pty,raw,echo=0,link=/tmp/ttyB
  --time-scale <n>       simulated seconds per real second (1); 60 runs a 3-minute
                         restart delay in 3 s
  --drain <percent>      charge lost per simulated second on battery at 100 % load (0.5)
  --recharge <percent>   charge regained per simulated second on line (0.05)
  --low-battery <pct>    battery low below this charge (20)
  --charge <percent>     starting charge (100)
  --load <percent>       starting load (23)
  --unknown echo|silent  reply to unknown commands (echo, the Megatec convention)
  --dialect Q1|QS|D      status query the unit answers (Q1)
  --cell-voltage         report the battery voltage per cell (2.27) instead of in total
  -V, --version          print the version
  -h, --help             this help
`;

/** The `megatec-sim` program; resolves with the exit code once `io.signal` aborts. */
export async function runMegatecSim(argv: string[], io: SimIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        tcp: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        pty: { type: 'string' },
        'time-scale': { type: 'string', default: '1' },
        drain: { type: 'string', default: '0.5' },
        recharge: { type: 'string', default: '0.05' },
        'low-battery': { type: 'string', default: '20' },
        charge: { type: 'string', default: '100' },
        load: { type: 'string', default: '23' },
        unknown: { type: 'string', default: 'echo' },
        dialect: { type: 'string', default: 'Q1' },
        'cell-voltage': { type: 'boolean' },
        version: { type: 'boolean', short: 'V' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`megatec-sim: ${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  if (values.help) return (io.stdout(HELP), 0);
  if (values.version) return (io.stdout(`megatec-sim ${SIM_VERSION} (nut-ts)\n`), 0);
  const numbers: Record<string, number> = {};
  for (const name of [
    'time-scale',
    'drain',
    'recharge',
    'low-battery',
    'charge',
    'load',
  ] as const) {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < 0 || (name === 'time-scale' && value === 0)) {
      io.stderr(
        `megatec-sim: --${name} needs a ${name === 'time-scale' ? 'positive' : 'non-negative'} number, not '${values[name]}'\n`,
      );
      return 1;
    }
    numbers[name] = value;
  }
  const dialect = values.dialect.toUpperCase();
  if (dialect !== 'Q1' && dialect !== 'QS' && dialect !== 'D') {
    io.stderr(`megatec-sim: --dialect must be Q1, QS or D, not '${values.dialect}'\n`);
    return 1;
  }
  if (values.unknown !== 'echo' && values.unknown !== 'silent') {
    io.stderr(`megatec-sim: --unknown must be echo or silent, not '${values.unknown}'\n`);
    return 1;
  }
  const port = values.tcp === undefined ? 0 : Number(values.tcp);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`megatec-sim: --tcp needs a port number 0-65535, not '${values.tcp}'\n`);
    return 1;
  }
  const options: SimulatorOptions = {
    timeScale: numbers['time-scale']!,
    drainPerSecond: numbers.drain!,
    rechargePerSecond: numbers.recharge!,
    lowBattery: numbers['low-battery']!,
    unknown: values.unknown,
    statusQueries: [dialect],
    batteryReport: values['cell-voltage'] ? 'cell' : 'total',
  };
  const ups = new MegatecUps(options);
  ups.charge = numbers.charge!;
  ups.load = numbers.load!;
  let close: () => Promise<void>;
  try {
    if (values.pty) {
      const served = serveOverPty(ups, values.pty);
      close = async () => served.close();
      io.stdout(`serving ${values.pty}\n`);
    } else {
      const served = await serveOverTcp(ups, { port, host: values.host });
      close = () => served.close();
      io.stdout(`listening on ${values.host}:${served.port}\n`);
    }
  } catch (error) {
    io.stderr(`megatec-sim: ${(error as Error).message}\n`);
    return 1;
  }
  const lines = createInterface({ input: io.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== '') io.stdout(`${control(ups, line)}\n`);
  });
  if (!io.signal.aborted)
    await new Promise((resolve) => io.signal.addEventListener('abort', resolve, { once: true }));
  lines.close();
  await close();
  return 0;
}
