#!/usr/bin/env node
import { runUpsmon } from '../cli.js';

const code = await runUpsmon(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
// Exit now: after SHUTDOWNCMD the host "powers off" and its connections must close.
process.exit(code);
