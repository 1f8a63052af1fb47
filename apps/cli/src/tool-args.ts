import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NutError } from '@nut-ts/core';
import type { NutClient } from '@nut-ts/client';
import { waitForResult } from './credentials.js';
import { connectTo, errorText, json, upsIdOrError, type ToolIo } from './io.js';
import type { UpsId } from '@nut-ts/client';

type Options = NonNullable<ParseArgsConfig['options']>;
const COMMON = {
  h: { type: 'boolean' },
  help: { type: 'boolean' },
  V: { type: 'boolean' },
} as const;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: O & typeof COMMON }>
>;

/**
 * Parses a tool's arguments plus the `-h`/`--help`/`-V` every tool has. Returns the exit code
 * when the run ends here (help, version, bad option), else the parsed arguments.
 */
export function parseToolArgs<O extends Options>(
  tool: string,
  argv: string[],
  options: O,
  help: string,
  io: ToolIo,
): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, ...COMMON },
    }) as Parsed<O>;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${help}`);
    return 1;
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.h || values.help) {
    io.stdout(help);
    return 0;
  }
  if (values.V) {
    io.stdout(`Network UPS Tools ${tool} 2.8.0 (nut-ts 0.1.0)\n`);
    return 0;
  }
  return parsed;
}

/**
 * Prints a failure the way NUT's upscmd/upsrw do, or with `-j` as `{"error": ...}` on stdout
 * (as upsc -j); returns exit code 1.
 */
export function reportFailure(error: unknown, io: ToolIo, asJson = false): number {
  if (asJson) io.stdout(json({ error: errorText(error) }));
  else if (error instanceof NutError)
    io.stderr(`Unexpected response from upsd: ERR ${error.code}\n`);
  else io.stderr(`Error: ${errorText(error)}\n`);
  return 1;
}

/** A problem found before asking upsd (no username...): text, or `{"error": ...}` with -j. */
export function reportProblem(problem: string, io: ToolIo, asJson = false): number {
  if (asJson) io.stdout(json({ error: problem.replace(/^Error: /, '') }));
  else io.stderr(`${problem}\n`);
  return 1;
}

/**
 * Prints the outcome of a SET or INSTCMD: `OK`, or with `-w` the driver's result. NUT's tools
 * print it on stderr; `-j` prints `{"result": ...}` on stdout.
 */
export async function reportOutcome(
  client: NutClient,
  io: ToolIo,
  trackingId: string | undefined,
  options: { wait: boolean; timeoutSeconds: number; json: boolean },
): Promise<number> {
  const result =
    options.wait && trackingId
      ? await waitForResult(client, trackingId, options.timeoutSeconds)
      : 'OK';
  if (options.json) io.stdout(json({ result }));
  else io.stderr(`${result}\n`);
  return result === 'OK' ? 0 : 1;
}

/** The options of the tools that change things: credentials, -w, -t and -j. */
export const CHANGE_OPTIONS = {
  u: { type: 'string' },
  p: { type: 'string' },
  w: { type: 'boolean' },
  t: { type: 'string', default: '10' },
  j: { type: 'boolean' },
} as const;

/**
 * Parses `ups[@host[:port]]` and connects to its server, printing NUT's errors; returns the
 * exit code when that fails.
 */
export async function openUps(
  text: string | undefined,
  io: ToolIo,
  asJson = false,
): Promise<{ id: UpsId; client: NutClient } | number> {
  const id = upsIdOrError(text);
  if (typeof id === 'string') return reportProblem(id.trimEnd(), io, asJson);
  try {
    return { id, client: await connectTo(id, io.env) };
  } catch (error) {
    return reportFailure(error, io, asJson);
  }
}
