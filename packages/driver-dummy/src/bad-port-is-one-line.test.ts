import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { runDriverCli } from '@nut-ts/driver-kit';
import { makeTempDir } from '@nut-ts/testkit';
import { createDummyDriver, DUMMY_META, loadDummyDriver } from './index.js';

const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

it.each([
  ['createDummyDriver', createDummyDriver],
  ['loadDummyDriver (the bin, repeater loaded lazily)', loadDummyDriver],
])(
  '%s: a repeater port that is no UPS is one line naming ups.conf and the port, exit 1',
  async (_, factory) => {
    const temp = makeTempDir('nut-dummy-cli-');
    temps.push(temp);
    mkdirSync(join(temp.path, 'state'));
    writeFileSync(
      join(temp.path, 'ups.conf'),
      '[copy]\n  driver = dummy-ups\n  port = ups@host:99999\n',
    );
    let stderr = '';
    const code = await runDriverCli(
      ['-a', 'copy'],
      {
        stdout: () => {},
        stderr: (text) => void (stderr += text),
        env: { NUT_CONFPATH: temp.path, NUT_STATEPATH: join(temp.path, 'state') },
        log: { write: () => {} },
      },
      factory,
      DUMMY_META,
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      `dummy-ups: ${join(temp.path, 'ups.conf')} [copy]: port = ups@host:99999: invalid port '99999' in 'ups@host:99999'\n`,
    );
  },
);
