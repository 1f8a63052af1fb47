import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@nut-ts/testkit';
import { RawSession } from '../test/raw-session.js';
import { WITH_GHOST, as, replay, startReady } from '../test/transcript.js';
import type { Fixture } from '../test/upsd-fixture.js';

let fixture: Fixture | undefined;
const sessions: RawSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) session.close();
  await fixture?.close();
  fixture = undefined;
});

const block = (query: string, items: string[]) =>
  `BEGIN LIST ${query}\n${items.map((item) => `${item}\n`).join('')}END LIST ${query}\n`;

describe('LIST', () => {
  it('UPS in ups.conf order with the fallback description', async () => {
    fixture = await startReady({ upsConf: WITH_GHOST });
    expect(await replay(fixture.port, ['LIST UPS', 'list ups extra'])).toEqual([
      block('UPS', ['UPS ups "Test UPS"', 'UPS ghost "Description unavailable"']),
      block('UPS', ['UPS ups "Test UPS"', 'UPS ghost "Description unavailable"']),
    ]);
  });

  it('VAR, RW and CMD sorted by name, values escaped, the UPS as the client typed it', async () => {
    fixture = await startReady();
    const [vars, rw, cmds] = await replay(fixture.port, [
      'LIST VAR UPS',
      'LIST RW ups',
      'LIST CMD ups',
    ]);
    expect(vars).toBe(
      block('VAR UPS', [
        'VAR UPS battery.charge "100"',
        'VAR UPS device.model "Py \\"quoted\\" \\\\ \\#1"',
        'VAR UPS ups.id "rack 1"',
        'VAR UPS ups.label "x"',
        'VAR UPS ups.mode "auto"',
        'VAR UPS ups.status "OL"',
      ]),
    );
    expect(rw).toBe(
      block('RW ups', [
        'RW ups battery.charge "100"',
        'RW ups ups.id "rack 1"',
        'RW ups ups.label "x"',
        'RW ups ups.mode "auto"',
      ]),
    );
    expect(cmds).toBe(block('CMD ups', ['CMD ups beeper.toggle', 'CMD ups load.off']));
  });

  it('ENUM and RANGE in driver order, quoted; empty lists are blocks too', async () => {
    fixture = await startReady();
    expect(
      await replay(fixture.port, [
        'LIST ENUM ups ups.mode',
        'LIST RANGE ups battery.charge',
        'LIST ENUM ups ups.status',
        'LIST RANGE ups no.such.var',
        'LIST ENUM ups',
      ]),
    ).toEqual([
      block('ENUM ups ups.mode', ['ENUM ups ups.mode "auto"', 'ENUM ups ups.mode "eco"']),
      block('RANGE ups battery.charge', ['RANGE ups battery.charge "0" "100"']),
      block('ENUM ups ups.status', []),
      'ERR VAR-NOT-SUPPORTED\n',
      'ERR INVALID-ARGUMENT\n',
    ]);
  });

  it('CLIENT newest login first, the UPS as ups.conf spells it, needing no driver', async () => {
    fixture = await startReady({ upsConf: WITH_GHOST });
    for (const from of ['127.0.0.2', '127.0.0.3', '127.0.0.4']) {
      const session = await RawSession.open(fixture.port, '127.0.0.1', from);
      sessions.push(session);
      for (const line of [...as('sec', 'secpass'), 'LOGIN GHOST']) {
        expect(await session.send(`${line}\n`)).toBe('OK\n');
      }
    }
    expect(await replay(fixture.port, ['LIST CLIENT Ghost'])).toEqual([
      block('CLIENT Ghost', [
        'CLIENT ghost 127.0.0.4',
        'CLIENT ghost 127.0.0.3',
        'CLIENT ghost 127.0.0.2',
      ]),
    ]);
    sessions[1]!.close();
    await waitFor(
      async () =>
        (await replay(fixture!.port, ['LIST CLIENT ghost']))[0] ===
        block('CLIENT ghost', ['CLIENT ghost 127.0.0.4', 'CLIENT ghost 127.0.0.2']),
      { what: 'closed client gone from the list' },
    );
    expect(await replay(fixture.port, ['LIST CLIENT ups'])).toEqual([block('CLIENT ups', [])]);
  });

  it('refuses unknown UPSes, missing words and unknown sub-commands; needs the driver', async () => {
    fixture = await startReady({ upsConf: WITH_GHOST });
    expect(
      await replay(fixture.port, [
        'LIST',
        'LIST VAR',
        'LIST FOO ups',
        'LIST VAR nope',
        'LIST CLIENT nope',
        'LIST VAR ghost',
        'LIST RW ghost',
        'LIST CMD ghost',
        'LIST ENUM ghost x',
      ]),
    ).toEqual([
      'ERR INVALID-ARGUMENT\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR UNKNOWN-UPS\n',
      'ERR UNKNOWN-UPS\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'ERR DRIVER-NOT-CONNECTED\n',
    ]);
  });
});
