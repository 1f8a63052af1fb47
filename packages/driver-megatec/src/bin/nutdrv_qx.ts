#!/usr/bin/env node
import { join } from 'node:path';
import { runDriverCli } from '@nut-ts/driver-kit';
import { MEGATEC_META, MegatecDriver, parseMegatecOptions } from '../index.js';

// A bad option throws from the factory; runDriverCli prints one line per problem and exits 1.
process.exitCode = await runDriverCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  },
  (ctx) =>
    new MegatecDriver(
      parseMegatecOptions(
        ctx.options,
        ctx.flags,
        `${join(ctx.confDir, 'ups.conf')} [${ctx.upsName}]`,
      ),
    ),
  MEGATEC_META,
);
