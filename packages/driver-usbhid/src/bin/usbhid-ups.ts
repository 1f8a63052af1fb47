#!/usr/bin/env node
import { runDriverCli } from '@nut-ts/driver-kit';
import { USBHID_META, UsbHidDriver } from '../index.js';
import { nodeHidBinding } from '../bindings/node-hid.js';

process.exitCode = await runDriverCli(
  process.argv.slice(2),
  {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  },
  () => new UsbHidDriver(nodeHidBinding),
  USBHID_META,
);
