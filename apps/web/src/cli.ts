import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { parseHostPort, type TlsOptions } from '@nut-ts/client';
import { createWeb, type WebConfig } from './create-web.js';

export interface WebIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const HELP = `usage: nut-web [options]

A web gateway to NUT servers (nut-ts's upsd or NUT's): a dashboard, a REST API, a WebSocket
that pushes every change, and Prometheus metrics.

  -s, --server HOST[:PORT]   a upsd server to watch (repeatable; default localhost:3493)
  -l, --listen HOST:PORT     where to serve HTTP (default 127.0.0.1:8080; port 0 = any)
      --poll-ms MS           how often upsd is read (default 1000)
      --tls MODE             STARTTLS towards the servers: try or force (default off)
      --ca FILE              CA certificate (PEM) that the servers' certificates must chain to
  -c, --config FILE          a JSON file: {"servers": ["host:port"], "listen": "host:port", "pollMs": 1000}
  -D                         debug logging
  -h, --help                 this help
  -V, --version

Endpoints: / (dashboard), /ws (WebSocket), /api/servers, /api/ups, /api/ups/SERVER/UPS,
POST /api/ups/SERVER/UPS/instcmd and /set (JSON with username and password), /metrics,
/openapi.json.
`;

/** `host:port` where nut-web listens; port 0 asks the system for a free one. */
function parseListen(text: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]*):(\d{1,5})$/.exec(text);
  if (!match || Number(match[2]) > 65535)
    throw new Error(`--listen needs host:port, not '${text}'`);
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1', port: Number(match[2]) };
}

function server(text: string) {
  const { host, port } = parseHostPort(text);
  return { id: `${host}:${port}`, host, port };
}

/** nut-web's command line; resolves with the exit code when stopped. */
export async function runWeb(argv: string[], io: WebIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        server: { type: 'string', short: 's', multiple: true },
        listen: { type: 'string', short: 'l' },
        'poll-ms': { type: 'string' },
        config: { type: 'string', short: 'c' },
        tls: { type: 'string' },
        ca: { type: 'string' },
        D: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    }));
  } catch (error) {
    io.stderr(`nut-web: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout('nut-web 0.1.0\n');
    return 0;
  }
  let file: { servers?: string[]; listen?: string; pollMs?: number } = {};
  if (values.config) {
    try {
      file = JSON.parse(readFileSync(values.config, 'utf8')) as typeof file;
    } catch (error) {
      io.stderr(`nut-web: cannot read ${values.config}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  let config: WebConfig;
  try {
    const listen = parseListen(values.listen ?? file.listen ?? '127.0.0.1:8080');
    const mode = values.tls ?? 'off';
    if (mode !== 'off' && mode !== 'try' && mode !== 'force')
      throw new Error(`--tls must be try or force, not '${mode}'`);
    const tls: TlsOptions | undefined =
      mode === 'off' ? undefined : { mode, ...(values.ca && { ca: readFileSync(values.ca) }) };
    config = {
      servers: (values.server ?? file.servers ?? ['localhost:3493']).map((text) => ({
        ...server(text),
        ...(tls && { tls }),
      })),
      listen,
      pollMs: Number(values['poll-ms'] ?? file.pollMs ?? 1000),
    };
  } catch (error) {
    io.stderr(`nut-web: ${(error as Error).message}\n`);
    return 2;
  }
  const logger = pino(
    { name: 'nut-web', level: values.D ? 'debug' : 'info' },
    pino.destination({ fd: 2, sync: true }),
  );
  const web = createWeb(config, { logger });
  const address = await web.listen();
  io.stdout(`nut-web listening on http://${address.address}:${address.port}/\n`);
  return new Promise((resolve) => {
    const stop = () => void web.close().then(() => resolve(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
