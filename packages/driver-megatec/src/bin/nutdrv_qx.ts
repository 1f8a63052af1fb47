#!/usr/bin/env node
import { join } from 'node:path';
import { runDriverCli } from '@nut-ts/driver-kit';
import { MEGATEC_META, MegatecDriver, parseMegatecOptions } from '../index.js';

const stderr = (text: string) => process.stderr.write(text);
process.exitCode = await runDriverCli(
  process.argv.slice(2),
  { stdout: (text) => process.stdout.write(text), stderr, env: process.env },
  (ctx) =>
    new MegatecDriver(
      parseMegatecOptions(
        ctx.options,
        ctx.flags,
        `${join(ctx.confDir, 'ups.conf')} [${ctx.upsName}]`,
      ),
    ),
  MEGATEC_META,
).catch((error: Error) => {
  // A bad option is a configuration error: say which, and exit like NUT's fatalx.
  stderr(`nutdrv_qx: ${error.message}\n`);
  return 1;
});
