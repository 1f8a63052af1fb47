import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUpsConf } from './ups-conf.js';
import { parseUpsdConf } from './upsd-conf.js';
import { parseUpsdUsers } from './upsd-users.js';
import { parseUpsmonConf } from './upsmon-conf.js';

const example = (name: string) =>
  readFileSync(new URL(`../../../docs/examples/etc-nut/${name}`, import.meta.url), 'utf8');

describe('the example configuration in docs/examples', () => {
  it('parses without errors or warnings', () => {
    expect(parseUpsConf(example('ups.conf')).ups.map((u) => u.name)).toEqual(['rack', 'office']);
    expect(parseUpsdConf(example('upsd.conf')).warnings).toEqual([]);
    expect([...parseUpsdUsers(example('upsd.users')).users.keys()]).toEqual([
      'admin',
      'monprimary',
      'monsecondary',
    ]);
    const upsmon = parseUpsmonConf(example('upsmon.conf'));
    expect(upsmon.warnings).toEqual([]);
    expect(upsmon.monitors[0]).toMatchObject({ upsName: 'rack', role: 'primary' });
  });
});
