#!/usr/bin/env node
import { runWeb } from '../cli.js';

process.exitCode = await runWeb(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
