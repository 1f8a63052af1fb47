#!/usr/bin/env node
import { runMegatecSim } from '../sim/cli.js';

const stop = new AbortController();
process.once('SIGTERM', () => stop.abort());
process.once('SIGINT', () => stop.abort());
process.exitCode = await runMegatecSim(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  signal: stop.signal,
});
// stdin may still hold the event loop open.
process.exit();
