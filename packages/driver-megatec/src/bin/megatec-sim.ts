#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { control, MegatecUps, serveOverPty, serveOverTcp } from '../mock.js';

const HELP = `usage: megatec-sim --tcp <port|0> [options]

A simulated Megatec/Q1 UPS on a TCP port (for nutdrv_qx with port = tcp://127.0.0.1:<port>)
or on a pseudo-terminal (for any serial driver, NUT's nutdrv_qx included). Prints
"listening on 127.0.0.1:<port>" (or "serving <pty>"), then reads control lines on stdin:
  mains on|off, charge <percent>, load <percent>, silent on|off, garbage on|off,
  echo on|off (refuse everything), slow <ms> (delay every reply), status

  --tcp <port>        port to listen on (0 = any free port)
  --pty <path>        serve on this pty end instead (make a pair with socat:
                      socat pty,raw,echo=0,link=/tmp/ttyA pty,raw,echo=0,link=/tmp/ttyB)
  --time-scale <n>    simulated seconds per real second (shutdown delays are minutes) (1)
  --drain <percent>   charge lost per simulated second on battery (0.5)
  --unknown echo|silent  answer to unknown commands (echo, the Megatec convention)
  -h, --help
`;

const { values } = parseArgs({
  options: {
    tcp: { type: 'string', default: '0' },
    pty: { type: 'string' },
    'time-scale': { type: 'string', default: '1' },
    drain: { type: 'string', default: '0.5' },
    unknown: { type: 'string', default: 'echo' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const ups = new MegatecUps({
  timeScale: Number(values['time-scale']),
  drainPerSecond: Number(values.drain),
  unknown: values.unknown === 'silent' ? 'silent' : 'echo',
});
let close: () => Promise<void>;
if (values.pty) {
  const served = serveOverPty(ups, values.pty);
  close = async () => served.close();
  process.stdout.write(`serving ${values.pty}\n`);
} else {
  const served = await serveOverTcp(ups, { port: Number(values.tcp) });
  close = () => served.close();
  process.stdout.write(`listening on 127.0.0.1:${served.port}\n`);
}
createInterface({ input: process.stdin }).on('line', (line) =>
  process.stdout.write(`${control(ups, line)}\n`),
);
const stop = () => void close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
