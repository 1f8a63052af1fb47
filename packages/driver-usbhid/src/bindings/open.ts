import { join } from 'node:path';
import type { DriverContext } from '@nut-ts/driver-kit';
import type { HidBinding } from '../hid-device.js';
import { FAKE_MODELS, fakeModel } from '../mock/models/index.js';
import { fakeModelName, startFakeUps, type FakeUpsService } from './fake.js';

/**
 * Picks the binding ups.conf asks for: `port = fake:<model>` serves a fake UPS (controlled
 * through the socket `fakecontrol`, default `$NUT_STATEPATH/usbhid-ups-<upsname>.fake`);
 * anything else is real hardware through node-hid, loaded only then.
 */
export class BindingChooser {
  private fake: Promise<FakeUpsService> | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Throws when `port` names a fake model that does not exist (a configuration error). */
  check(port: string | undefined): void {
    const model = fakeModelName(port);
    if (model !== undefined && !fakeModel(model))
      throw new Error(
        `port = fake:${model}: no such fake model (use ${FAKE_MODELS.map((m) => `fake:${m.name}`).join(', ')})`,
      );
  }

  binding(ctx: DriverContext): Promise<HidBinding> {
    const model = fakeModelName(ctx.options.port);
    if (model === undefined) return import('./node-hid.js').then((m) => m.nodeHidBinding());
    this.fake ??= startFakeUps(
      model,
      ctx.options.fakecontrol ??
        join(this.env.NUT_STATEPATH || '/run/nut', `usbhid-ups-${ctx.upsName}.fake`),
    ).then(
      (service) => {
        ctx.logger.info({ control: service.controlPath, model }, 'fake UPS ready');
        return service;
      },
      (error: Error) => {
        // Tried again on the next poll (the state directory may appear later).
        this.fake = undefined;
        throw error;
      },
    );
    return this.fake.then((service) => service.binding);
  }

  /** Stops the fake UPS, if one was started. */
  async close(): Promise<void> {
    await (await this.fake?.catch(() => undefined))?.close();
  }
}
