import { authenticate } from './credentials.js';
import {
  CHANGE_OPTIONS,
  openUps,
  parseToolArgs,
  reportFailure,
  reportOutcome,
  reportProblem,
} from './tool-args.js';
import { json, type ToolIo } from './io.js';

const HELP = `Network UPS Tools upscmd 2.8.0 (nut-ts)

usage: upscmd [-h]
       upscmd [-l <ups>]
       upscmd [-u <username>] [-p <password>] [-w] [-t <timeout>] <ups> <command> [<value>]

Administration program to initiate instant commands on UPS hardware.

  -h		display this help text
  -l <ups>	show available commands on UPS <ups>
  -u <username>	set username for command authentication
  -p <password>	set password for command authentication
  -w            wait for the completion of command by the driver
                and return its actual result from the device
  -t <timeout>	set a timeout when using -w (in seconds, default: 10)
  -j            print JSON

  <ups>		UPS identifier - <upsname>[@<hostname>[:<port>]]
  <command>	Valid instant command - test.panel.start, etc.
  [<value>]	Additional data for command - number of seconds, etc.
`;

/** upscmd: NUT's output and exit codes, plus -j JSON. */
export async function upscmd(argv: string[], io: ToolIo): Promise<number> {
  const parsed = parseToolArgs(
    'upscmd',
    argv,
    {
      l: { type: 'string' },
      ...CHANGE_OPTIONS,
    },
    HELP,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.l === undefined && positionals.length < 2) {
    io.stdout(HELP);
    return 1;
  }
  const opened = await openUps(values.l ?? positionals[0], io, values.j);
  if (typeof opened === 'number') return opened;
  const { id, client } = opened;
  try {
    if (values.l !== undefined) {
      const cmds = await client.listCmd(id.ups);
      const described = await Promise.all(
        cmds.map(async (cmd) => ({ cmd, desc: await client.getCmdDesc(id.ups, cmd) })),
      );
      if (values.j) io.stdout(json(Object.fromEntries(described.map((c) => [c.cmd, c.desc]))));
      else
        io.stdout(
          `Instant commands supported on UPS [${id.ups}]:\n\n${described.map((c) => `${c.cmd} - ${c.desc}\n`).join('')}`,
        );
      return 0;
    }
    const problem = await authenticate(client, io, { username: values.u, password: values.p });
    if (problem) return reportProblem(problem, io, values.j);
    if (values.w) await client.setTracking(true);
    const { trackingId } = await client.instcmd(id.ups, positionals[1]!, positionals[2]);
    return await reportOutcome(client, io, trackingId, {
      wait: values.w ?? false,
      timeoutSeconds: Number(values.t) || 10,
      json: values.j ?? false,
    });
  } catch (error) {
    return reportFailure(error, io, values.j);
  } finally {
    await client.close();
  }
}
