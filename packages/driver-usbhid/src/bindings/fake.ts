import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { HidBinding } from '../hid-device.js';
import { controlFake } from '../mock/fake-control.js';
import { FakePowerDevice, fakeBinding } from '../mock/fake-power-device.js';
import { FAKE_MODELS, fakeModel } from '../mock/models/index.js';

/** A fake UPS served to the driver process, steered through a control socket. */
export interface FakeUpsService {
  binding: HidBinding;
  device: FakePowerDevice;
  controlPath: string;
  close(): Promise<void>;
}

/** `fake:<model>` from ups.conf `port`, or undefined for a real port. */
export function fakeModelName(port: string | undefined): string | undefined {
  return port?.toLowerCase().startsWith('fake:') ? port.slice('fake:'.length) : undefined;
}

/**
 * Starts a fake UPS of `modelName` for `usbhid-ups` run as a process (`port = fake:<model>`):
 * its time runs on a one-second tick, and a Unix socket at `controlPath` takes one control line
 * per request (`mains off`, `charge 8`, `written`...) and answers one line.
 */
export async function startFakeUps(
  modelName: string,
  controlPath: string,
  tickMs = 1000,
): Promise<FakeUpsService> {
  const model = fakeModel(modelName);
  if (!model)
    throw new Error(
      `no fake model '${modelName}': use one of ${FAKE_MODELS.map((m) => m.name).join(', ')}`,
    );
  const device = new FakePowerDevice(model);
  const timer = setInterval(() => device.tick(tickMs / 1000), tickMs);
  timer.unref();
  rmSync(controlPath, { force: true });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    // readline passes socket errors on: without a listener one would crash the driver.
    const lines = createInterface({ input: socket });
    lines.on('error', () => socket.destroy());
    lines.on('line', (line) => {
      if (!socket.destroyed) socket.write(`${controlFake(device, line)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(controlPath, () => resolve());
  });
  return {
    binding: fakeBinding(device),
    device,
    controlPath,
    close: async () => {
      clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(controlPath, { force: true });
    },
  };
}
