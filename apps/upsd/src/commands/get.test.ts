import { afterEach, describe, expect, it } from 'vitest';
import { WITH_GHOST, replay, startReady } from '../test/transcript.js';
import type { Fixture } from '../test/upsd-fixture.js';
import { Descriptions } from '../descriptions.js';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const descriptions = new Descriptions();
descriptions.parse(
  'VARDESC ups.status "UPS status"\nCMDDESC load.off "Turn off the load \\"now\\""\n',
);

async function start(): Promise<Fixture> {
  return startReady({ upsConf: WITH_GHOST, deps: { descriptions } });
}

describe('GET', () => {
  it('VAR echoes the spelling used, escapes the value, answers server.* itself', async () => {
    fixture = await start();
    expect(
      await replay(fixture.port, [
        'GET VAR ups ups.status',
        'get var UPS UPS.Status extra words',
        'GET VAR ups device.model',
        'GET VAR ups no.such.var',
        'GET VAR nope ups.status',
        'GET VAR ghost ups.status',
        'GET VAR nope SERVER.VERSION',
        'GET VAR ghost server.info',
        'GET VAR ups server.other',
        'GET VAR ups',
      ]),
    ).toEqual([
      'VAR ups ups.status "OL"\n',
      'VAR UPS UPS.Status "OL"\n',
      'VAR ups device.model "Py \\"quoted\\" \\\\ \\#1"\n',
      'ERR VAR-NOT-SUPPORTED\n',
      'ERR UNKNOWN-UPS\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'VAR nope server.version "2.8.0"\n',
      'VAR ghost server.info "Network UPS Tools upsd 2.8.0 (nut-ts) - http://www.networkupstools.org/"\n',
      'ERR VAR-NOT-SUPPORTED\n',
      'ERR INVALID-ARGUMENT\n',
    ]);
  });

  it('TYPE lists RW, ENUM, RANGE, then STRING:n or NUMBER', async () => {
    fixture = await start();
    expect(
      await replay(fixture.port, [
        'GET TYPE ups ups.id',
        'GET TYPE ups battery.charge',
        'GET TYPE ups ups.mode',
        'GET TYPE ups ups.status',
        'GET TYPE ups no.such.var',
        'GET TYPE ghost ups.id',
        'GET TYPE nope ups.id',
      ]),
    ).toEqual([
      'TYPE ups ups.id RW STRING:8\n',
      'TYPE ups battery.charge RW RANGE NUMBER\n',
      'TYPE ups ups.mode RW ENUM STRING:8\n',
      'TYPE ups ups.status NUMBER\n',
      'ERR VAR-NOT-SUPPORTED\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'ERR UNKNOWN-UPS\n',
    ]);
  });

  it('DESC and CMDDESC fall back to "Description unavailable" for unknown names', async () => {
    fixture = await start();
    expect(
      await replay(fixture.port, [
        'GET DESC ups ups.status',
        'GET DESC ups no.such.var',
        'GET CMDDESC ups load.off',
        'GET CMDDESC ups no.such.cmd',
        'GET DESC ghost ups.status',
        'GET CMDDESC nope load.off',
        'GET DESC ups',
      ]),
    ).toEqual([
      'DESC ups ups.status "UPS status"\n',
      'DESC ups no.such.var "Description unavailable"\n',
      'CMDDESC ups load.off "Turn off the load \\"now\\""\n',
      'CMDDESC ups no.such.cmd "Description unavailable"\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'ERR UNKNOWN-UPS\n',
      'ERR INVALID-ARGUMENT\n',
    ]);
  });

  it('UPSDESC needs no driver; NUMLOGINS does; unknown sub-commands are INVALID-ARGUMENT', async () => {
    fixture = await start();
    expect(
      await replay(fixture.port, [
        'GET UPSDESC ups',
        'GET UPSDESC ghost',
        'GET UPSDESC nope',
        'GET NUMLOGINS ups',
        'GET NUMATTACH UPS',
        'GET NUMLOGINS ghost',
        'GET NUMLOGINS',
        'GET',
        'GET FOO ups',
        'GET TRACKING',
        'GET TRACKING 1234',
      ]),
    ).toEqual([
      'UPSDESC ups "Test UPS"\n',
      'UPSDESC ghost "Unavailable"\n',
      'ERR UNKNOWN-UPS\n',
      'NUMLOGINS ups 0\n',
      'NUMATTACH UPS 0\n',
      'ERR DRIVER-NOT-CONNECTED\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR INVALID-ARGUMENT\n',
      'ERR INVALID-ARGUMENT\n',
      'OFF\n',
      'ERR FEATURE-NOT-CONFIGURED\n',
    ]);
  });
});
