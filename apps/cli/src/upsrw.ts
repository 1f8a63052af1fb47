import type { NutClient } from '@nut-ts/client';
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

const HELP = `Network UPS Tools upsrw 2.8.0 (nut-ts)

usage: upsrw [-h]
       upsrw [-s <variable>] [-u <username>] [-p <password>] [-w] [-t <timeout>] <ups>

Demo program to set variables within UPS hardware.

  -h            display this help text
  -s <variable>	specify variable to be changed
		use -s VAR=VALUE to avoid prompting for value
  -l            show all possible read/write variables.
  -u <username> set username for command authentication
  -p <password> set password for command authentication
  -w            wait for the completion of setting by the driver
                and return its actual result from the device
  -t <timeout>	set a timeout when using -w (in seconds, default: 10)
  -j            print JSON

  <ups>         UPS identifier - <upsname>[@<hostname>[:<port>]]

Call without -s to show all possible read/write variables (same as -l).
`;

interface RwVar {
  name: string;
  value: string;
  description: string;
  type: 'STRING' | 'NUMBER' | 'ENUM' | 'RANGE';
  maxLength?: number;
  options?: string[];
}

async function describe(client: NutClient, ups: string): Promise<RwVar[]> {
  const out: RwVar[] = [];
  for (const { name, value } of await client.listRw(ups)) {
    const [type, description] = await Promise.all([
      client.getType(ups, name),
      client.getDesc(ups, name),
    ]);
    const entry: RwVar = { name, value, description, type: 'NUMBER' };
    if (type.enum) {
      entry.type = 'ENUM';
      entry.options = await client.listEnum(ups, name);
    } else if (type.range) {
      entry.type = 'RANGE';
      entry.options = (await client.listRange(ups, name)).map((r) => `${r.min}-${r.max}`);
    } else if (type.string !== undefined) {
      entry.type = 'STRING';
      entry.maxLength = type.string;
    }
    out.push(entry);
  }
  return out;
}

function formatVar(v: RwVar): string {
  const lines = [`[${v.name}]`, v.description, `Type: ${v.type}`];
  if (v.type === 'STRING') lines.push(`Maximum length: ${v.maxLength}`);
  if (v.type === 'ENUM')
    for (const o of v.options ?? [])
      lines.push(`Option: "${o}"${o === v.value ? ' SELECTED' : ''}`);
  if (v.type === 'RANGE') {
    const number = Number(v.value);
    for (const o of v.options ?? []) {
      const [min, max] = o.split('-').map(Number) as [number, number];
      lines.push(`Option: "${o}"${number >= min && number <= max ? ' SELECTED' : ''}`);
    }
  }
  lines.push(`Value: ${v.value}`);
  return `${lines.join('\n')}\n\n`;
}

/** upsrw: lists writable variables (types, enums, ranges) or sets one; plus -j JSON. */
export async function upsrw(argv: string[], io: ToolIo): Promise<number> {
  const parsed = parseToolArgs(
    'upsrw',
    argv,
    {
      s: { type: 'string' },
      l: { type: 'boolean' },
      ...CHANGE_OPTIONS,
    },
    HELP,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const opened = await openUps(positionals[0], io, values.j);
  if (typeof opened === 'number') return opened;
  const { id, client } = opened;
  try {
    if (values.s === undefined) {
      const vars = await describe(client, id.ups);
      io.stdout(values.j ? json(vars) : vars.map(formatVar).join(''));
      return 0;
    }
    const at = values.s.indexOf('=');
    let name = at === -1 ? values.s : values.s.slice(0, at);
    let value = at === -1 ? undefined : values.s.slice(at + 1);
    if (value === undefined && io.prompt)
      value = await io.prompt(`Enter new value for ${name}: `, false);
    if (value === undefined)
      return reportProblem('Error: no value given: use -s VAR=VALUE', io, values.j);
    name = name.trim();
    const problem = await authenticate(client, io, { username: values.u, password: values.p });
    if (problem) return reportProblem(problem, io, values.j);
    if (values.w) await client.setTracking(true);
    const { trackingId } = await client.setVar(id.ups, name, value);
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
