#!/usr/bin/env node
import { runDriverCli } from '@nut-ts/driver-kit';
import { USBHID_META, UsbHidDriver, parseUsbHidOptions } from '../index.js';
import { BindingChooser } from '../bindings/open.js';
import { listPowerDevices } from '../list-devices.js';

const io = {
  stdout: (t: string) => process.stdout.write(t),
  stderr: (t: string) => process.stderr.write(t),
  env: process.env,
};
const argv = process.argv.slice(2);

if (argv.includes('--list')) {
  try {
    const { nodeHidBinding } = await import('../bindings/node-hid.js');
    const text = await listPowerDevices(await nodeHidBinding());
    io.stdout(text || '# no HID UPS found\n');
    process.exitCode = text ? 0 : 1;
  } catch (error) {
    io.stderr(`usbhid-ups: cannot list HID devices: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
} else {
  const chooser = new BindingChooser(process.env);
  process.exitCode = await runDriverCli(
    argv,
    io,
    (ctx) => {
      // A bad option stops the driver before it starts, naming the option (NUT's fatalx).
      parseUsbHidOptions(ctx.options, ctx.flags);
      chooser.check(ctx.options.port);
      return new UsbHidDriver(() => chooser.binding(ctx));
    },
    USBHID_META,
  ).catch((error: Error) => {
    // A bad option is a configuration error: say which, and exit as NUT's fatalx does.
    io.stderr(`usbhid-ups: ${error.message}\n`);
    return 1;
  });
  await chooser.close();
}
