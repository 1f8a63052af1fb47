import { NutClient } from '@nut-ts/client';
import type { ServerSpec } from '../server-watch.js';

/** A writable variable with what may be written to it. */
export interface RwVariable {
  name: string;
  value: string;
  description: string;
  type: 'STRING' | 'NUMBER' | 'ENUM' | 'RANGE';
  maxLength?: number;
  enum?: string[];
  ranges?: Array<{ min: number; max: number }>;
}

/** The UPS's writable variables with their types, enumerations and ranges (read on demand). */
export async function readRwVariables(server: ServerSpec, ups: string): Promise<RwVariable[]> {
  const client = new NutClient({
    host: server.host,
    port: server.port,
    reconnect: false,
    ...(server.tls && { tls: server.tls }),
  });
  try {
    await client.connect();
    const out: RwVariable[] = [];
    for (const { name, value } of await client.listRw(ups)) {
      const [type, description] = await Promise.all([
        client.getType(ups, name),
        client.getDesc(ups, name),
      ]);
      const entry: RwVariable = { name, value, description, type: 'NUMBER' };
      if (type.enum) Object.assign(entry, { type: 'ENUM', enum: await client.listEnum(ups, name) });
      else if (type.range)
        Object.assign(entry, { type: 'RANGE', ranges: await client.listRange(ups, name) });
      else if (type.string !== undefined)
        Object.assign(entry, { type: 'STRING', maxLength: type.string });
      out.push(entry);
    }
    return out;
  } finally {
    await client.close().catch(() => {});
  }
}
