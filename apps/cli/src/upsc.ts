import { parseHostPort } from '@nut-ts/client';
import { parseToolArgs } from './tool-args.js';
import { connectTo, errorText, json, upsIdOrError, type ToolIo } from './io.js';

const HELP = `Network UPS Tools upsc 2.8.0 (nut-ts)

usage: upsc -l | -L [<hostname>[:port]]
       upsc <ups> [<variable>]
       upsc -c <ups>

Show UPS variables.

First form (lists UPSes):
  -l         - lists each UPS on <hostname>, one per line.
  -L         - lists each UPS followed by its description (from ups.conf).
               Default hostname: localhost

Second form (lists variables and values):
  <ups>      - upsd server, <upsname>[@<hostname>[:<port>]] form
  <variable> - optional, display this variable only.
               Default: list all variables for <host>

Third form (lists clients connected to a device):
  -c         - lists each client connected on <ups>, one per line.
  <ups>      - upsd server, <upsname>[@<hostname>[:<port>]] form

  -j         - print JSON instead of text (with any form)
`;

/** upsc: NUT's output and exit codes, plus -j JSON. */
export async function upsc(argv: string[], io: ToolIo): Promise<number> {
  const parsed = parseToolArgs(
    'upsc',
    argv,
    {
      l: { type: 'boolean' },
      L: { type: 'boolean' },
      c: { type: 'boolean' },
      j: { type: 'boolean' },
    },
    HELP,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const asJson = values.j ?? false;
  const fail = (error: unknown) => {
    if (asJson) io.stdout(json({ error: errorText(error) }));
    else io.stderr(`Error: ${errorText(error)}\n`);
    return 1;
  };
  if (values.l || values.L) {
    let server;
    try {
      server = parseHostPort(positionals[0]);
    } catch (error) {
      return fail(error);
    }
    try {
      const client = await connectTo(server, io.env);
      const list = await client.listUps().finally(() => void client.close());
      if (asJson)
        io.stdout(
          json(
            values.L
              ? Object.fromEntries(list.map((u) => [u.name, u.description]))
              : list.map((u) => u.name),
          ),
        );
      else
        for (const ups of list)
          io.stdout(values.L ? `${ups.name}: ${ups.description}\n` : `${ups.name}\n`);
      return 0;
    } catch (error) {
      return fail(error);
    }
  }
  const id = upsIdOrError(positionals[0]);
  if (typeof id === 'string') {
    io.stderr(id);
    return 1;
  }
  try {
    const client = await connectTo(id, io.env);
    try {
      if (values.c) {
        const clients = await client.listClient(id.ups);
        io.stdout(asJson ? json(clients) : clients.map((c) => `${c}\n`).join(''));
      } else if (positionals[1] !== undefined) {
        const value = await client.getVar(id.ups, positionals[1]);
        io.stdout(asJson ? json({ [positionals[1]]: value }) : `${value}\n`);
      } else {
        const vars = await client.listVar(id.ups);
        io.stdout(
          asJson
            ? json(Object.fromEntries(vars.map((v) => [v.name, v.value])))
            : vars.map((v) => `${v.name}: ${v.value}\n`).join(''),
        );
      }
    } finally {
      await client.close();
    }
    return 0;
  } catch (error) {
    return fail(error);
  }
}
