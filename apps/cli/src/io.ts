import { NutError, TransportError } from '@nut-ts/core';
import { NutClient, parseUpsId, type UpsId } from '@nut-ts/client';

/** Where a tool reads and writes; real streams in the bins, buffers in tests. */
export interface ToolIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Reads one line from the terminal (credential prompts); undefined when none is attached. */
  prompt?: (question: string, hidden: boolean) => Promise<string>;
}

/** libupsclient's wording for server errors, which NUT's tools print after "Error: ". */
const MESSAGES: Record<string, string> = {
  'VAR-NOT-SUPPORTED': 'Variable not supported by UPS',
  'UNKNOWN-UPS': 'Unknown UPS',
  'DRIVER-NOT-CONNECTED': 'Driver not connected',
  'DATA-STALE': 'Data stale',
  'ACCESS-DENIED': 'Access denied',
  'PASSWORD-REQUIRED': 'Password required',
  'USERNAME-REQUIRED': 'Username required',
  'CMD-NOT-SUPPORTED': 'Instant command not supported by UPS',
  'INVALID-ARGUMENT': 'Invalid argument',
  'UNKNOWN-COMMAND': 'Unknown command',
  'INVALID-VALUE': 'Invalid value',
  READONLY: 'Variable is read-only',
  'TOO-LONG': 'New value is too long',
};

/** The text after "Error: " for any failure, as libupsclient's upscli_strerror words it. */
export function errorText(error: unknown): string {
  if (error instanceof NutError) return MESSAGES[error.code] ?? `Server error: ${error.code}`;
  if (error instanceof TransportError) {
    const cause = (error.cause as NodeJS.ErrnoException | undefined)?.code;
    if (error.code === 'CONNECT-FAILED')
      return `Connection failure: ${cause === 'ECONNREFUSED' ? 'Connection refused' : error.message}`;
    if (error.code === 'CONNECT-TIMEOUT') return 'Connection failure: Connection timed out';
    if (error.code === 'TIMEOUT') return 'Read timeout';
    if (error.code === 'PROTOCOL-ERROR') return 'Protocol error';
    return `Connection failure: ${error.message}`;
  }
  return (error as Error).message;
}

/** Connects to the server of `id` (10 s connect timeout, 5 s per request, as NUT's tools). */
export async function connectTo(
  id: Pick<UpsId, 'host' | 'port'>,
  env: NodeJS.ProcessEnv,
): Promise<NutClient> {
  const connectTimeoutMs = Number(env.NUT_DEFAULT_CONNECT_TIMEOUT ?? 10) * 1000 || 10_000;
  const client = new NutClient({
    host: id.host,
    port: id.port,
    reconnect: false,
    connectTimeoutMs,
  });
  await client.connect();
  return client;
}

/** Parses `ups[@host[:port]]` with NUT's error text. */
export function upsIdOrError(text: string | undefined): UpsId | string {
  if (!text) return 'Error: invalid UPS definition.\nRequired format: upsname[@hostname[:port]]\n';
  try {
    return parseUpsId(text);
  } catch {
    return 'Error: invalid UPS definition.\nRequired format: upsname[@hostname[:port]]\n';
  }
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
