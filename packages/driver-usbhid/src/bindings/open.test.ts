import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '@nut-ts/testkit';
import { testContext } from '../test/driver-context.js';
import { BindingChooser } from './open.js';

describe('choosing the binding from ups.conf port', () => {
  it('refuses an unknown fake model as a configuration error, and lets real ports through', () => {
    const chooser = new BindingChooser({});
    expect(() => chooser.check('fake:zzz')).toThrow(/fake:apc, fake:cyberpower, fake:eaton/);
    expect(() => chooser.check('auto')).not.toThrow();
    expect(() => chooser.check(undefined)).not.toThrow();
  });

  it('serves one fake per process, with its control socket under NUT_STATEPATH', async () => {
    const dir = makeTempDir('nut-choose-');
    const chooser = new BindingChooser({ NUT_STATEPATH: dir.path });
    const ctx = { ...testContext({ port: 'fake:cyberpower' }), upsName: 'rack' };
    try {
      const first = await chooser.binding(ctx);
      const second = await chooser.binding(ctx);
      const [info] = await first.devices();
      expect(info).toMatchObject({ vendorId: 0x0764, path: 'fake:cyberpower' });
      expect(await first.open(info!)).toBe(await second.open(info!));
      expect(existsSync(join(dir.path, 'usbhid-ups-rack.fake'))).toBe(true);
    } finally {
      await chooser.close();
      dir.remove();
    }
  });
});
