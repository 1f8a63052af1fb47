import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { findBin } from '@nut-ts/sim';
import { freePort, makeTempDir, spawnProcess, waitFor, type SpawnedProcess } from '@nut-ts/testkit';

const run = promisify(execFile);
const ADMIN = { username: 'admin', password: 'admin-secret' };

/** The three fake models, the ups.conf section that runs each, and what upsc must show. */
const MODELS = [
  {
    ups: 'backups',
    port: 'fake:apc',
    expected: {
      'device.type': 'ups',
      'driver.name': 'usbhid-ups',
      'ups.mfr': 'American Power Conversion',
      'ups.model': 'Back-UPS BX700U FW:926.T2 .I USB FW:T2',
      'ups.serial': '9B2117A12345',
      'ups.vendorid': '051d',
      'ups.mfr.date': '2021/03/18',
      'battery.mfr.date': '2024/06/02',
      'battery.type': 'PbAc',
      'battery.charge': '100',
      'battery.voltage.nominal': '12.0',
      'input.voltage': '230.0',
      'input.voltage.nominal': '230',
      'ups.realpower.nominal': '405',
      'ups.delay.shutdown': '20',
      'ups.beeper.status': 'enabled',
      'ups.status': 'OL',
    },
    paths: { beeper: 'UPS.PowerSummary.AudibleAlarmControl', test: 'UPS.Battery.Test' },
    offDelay: 'UPS.PowerSummary.DelayBeforeShutdown',
  },
  {
    ups: 'cyber',
    port: 'fake:cyberpower',
    expected: {
      'ups.mfr': 'CPS',
      'ups.model': 'CP1500PFCLCD',
      'ups.productid': '0501',
      // the descriptor fix-up: not clamped to the transfer limits (130…142)
      'input.voltage': '120.0',
      'output.voltage': '120.0',
      // rescaled from 0.1 Hz, and the 1.5× battery voltage brought back
      'input.frequency': '60.0',
      'battery.voltage': '26.4',
      'battery.voltage.nominal': '24.0',
      'ups.delay.shutdown': '60',
      'ups.delay.start': '120',
      'ups.status': 'OL',
    },
    paths: { beeper: 'UPS.PowerSummary.AudibleAlarmControl', test: 'UPS.Output.Test' },
    offDelay: 'UPS.Output.DelayBeforeShutdown',
  },
  {
    ups: 'eaton',
    port: 'fake:eaton',
    expected: {
      'ups.mfr': 'EATON',
      'ups.model': '5E 850i',
      'ups.serial': 'G355E11111',
      'input.voltage': '230.0',
      'input.frequency': '50.0',
      'output.voltage': '230.0',
      'ups.power.nominal': '850',
      'ups.realpower.nominal': '480',
      'battery.mfr.date': '2023/11/07',
      'outlet.1.status': 'on',
      'outlet.1.switchable': 'yes',
      'outlet.2.status': 'on',
      'outlet.2.switchable': 'yes',
      'ups.status': 'OL',
    },
    paths: {
      beeper: 'UPS.PowerSummary.AudibleAlarmControl',
      test: 'UPS.BatterySystem.Battery.Test',
    },
    offDelay: 'UPS.PowerSummary.DelayBeforeShutdown',
  },
] as const;

/** A fourth fake UPS run with NUT 2.8.0 usbhid-ups options in its section. */
const OPTIONS_UPS = {
  ups: 'tuned',
  section:
    '[tuned]\n  driver = usbhid-ups\n  port = fake:apc\n  onlinedischarge\n' +
    '  lowbatt = 40\n  offdelay = 45\n  ondelay = 90\n',
};

const dir = makeTempDir('nut-usbhid-');
const etc = join(dir.path, 'etc');
const state = join(dir.path, 'state');
const env = { ...process.env, NUT_CONFPATH: etc, NUT_STATEPATH: state };
const programs: SpawnedProcess[] = [];
let upsdPort = 0;

/** One line to a fake UPS's control socket; resolves with its one-line answer. */
function control(ups: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(join(state, `usbhid-ups-${ups}.fake`));
    socket.once('error', reject);
    const input = createInterface({ input: socket });
    input.on('error', reject);
    input.once('line', (answer) => {
      socket.end();
      resolve(answer);
    });
    socket.write(`${line}\n`);
  });
}

/** Our upsc's `name: value` lines as a record. */
async function upsc(ups: string): Promise<Record<string, string>> {
  const { stdout } = await run(findBin('upsc'), [`${ups}@127.0.0.1:${upsdPort}`]);
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
  );
}

async function statusBecomes(ups: string, status: string): Promise<void> {
  await waitFor(async () => (await upsc(ups))['ups.status'] === status, {
    what: `${ups} ups.status '${status}'`,
    timeoutMs: 15_000,
    intervalMs: 200,
  });
}

const upscmd = (ups: string, ...command: string[]) =>
  run(findBin('upscmd'), [
    '-u',
    ADMIN.username,
    '-p',
    ADMIN.password,
    `${ups}@127.0.0.1:${upsdPort}`,
    ...command,
  ]);

const written = async (ups: string) =>
  JSON.parse(await control(ups, 'written')) as Array<{ path: string; value: number }>;

beforeAll(async () => {
  mkdirSync(etc);
  mkdirSync(state);
  upsdPort = await freePort();
  const sections = MODELS.map(
    (m) => `[${m.ups}]\n  driver = usbhid-ups\n  port = "${m.port}"\n  desc = "fake ${m.port}"\n`,
  );
  sections.push(OPTIONS_UPS.section);
  writeFileSync(join(etc, 'ups.conf'), `pollinterval = 1\n\n${sections.join('\n')}`);
  writeFileSync(
    join(etc, 'upsd.conf'),
    `LISTEN 127.0.0.1 ${upsdPort}\nMAXAGE 15\nSTATEPATH "${state}"\n`,
  );
  writeFileSync(
    join(etc, 'upsd.users'),
    `[${ADMIN.username}]\n  password = ${ADMIN.password}\n  actions = SET\n  instcmds = ALL\n`,
  );
  chmodSync(join(etc, 'upsd.users'), 0o600);
  const drivers = [...MODELS, OPTIONS_UPS].map((m) => {
    const driver = spawnProcess(`usbhid-ups ${m.ups}`, findBin('usbhid-ups'), ['-a', m.ups], {
      env,
    });
    programs.push(driver);
    return driver.waitForOutput(/fake UPS ready/, 20_000);
  });
  await Promise.all(drivers);
  const upsd = spawnProcess('upsd', findBin('upsd'), ['-F'], { env });
  programs.push(upsd);
  await upsd.waitForOutput(/listening/, 20_000);
  for (const m of [...MODELS, OPTIONS_UPS]) await statusBecomes(m.ups, 'OL');
});

afterAll(async () => {
  await Promise.all(programs.splice(0).map((p) => p.stop()));
  dir.remove();
});

describe.each(MODELS)('usbhid-ups with port = $port, through our upsd', (model) => {
  it('shows the mapped variables and OL, then OB on a mains loss and OB LB as the battery runs low; upscmd commands reach the device', async () => {
    onTestFailed(() => {
      for (const p of programs) console.error(`--- ${p.name}\n${p.output()}`);
    });
    const vars = await upsc(model.ups);
    expect(vars).toMatchObject(model.expected);

    await upscmd(model.ups, 'beeper.disable');
    await upscmd(model.ups, 'test.battery.start.quick');
    await waitFor(
      async () => {
        const seen = await written(model.ups);
        return (
          seen.some((w) => w.path === model.paths.beeper && w.value === 1) &&
          seen.some((w) => w.path === model.paths.test && w.value === 1)
        );
      },
      { what: `beeper.disable and test.battery.start.quick to reach ${model.port}` },
    );
    await waitFor(async () => (await upsc(model.ups))['ups.beeper.status'] === 'disabled', {
      what: 'ups.beeper.status disabled',
    });

    expect(JSON.parse(await control(model.ups, 'mains off'))).toMatchObject({ mains: false });
    await statusBecomes(model.ups, 'OB DISCHRG');
    await control(model.ups, 'charge 5');
    await statusBecomes(model.ups, 'OB DISCHRG LB');

    await upscmd(model.ups, 'load.off.delay', '2');
    await waitFor(
      async () =>
        (await written(model.ups)).some((w) => w.path === model.offDelay && w.value === 2),
      { what: `load.off.delay 2 to reach ${model.offDelay}` },
    );
    // The fake's own timer then cuts the output, which upsd shows as no load.
    await waitFor(async () => JSON.parse(await control(model.ups, 'status')).outputOn === false, {
      what: 'the output to go off',
    });
  });
});

describe('usbhid-ups with options from ups.conf, through our upsd', () => {
  it('writes lowbatt to the UPS, takes the delays, treats OL + DISCHRG as OB, and shows alarms and the transfer reason', async () => {
    onTestFailed(() => {
      for (const p of programs) console.error(`--- ${p.name}\n${p.output()}`);
    });
    const { ups } = OPTIONS_UPS;
    expect(await upsc(ups)).toMatchObject({
      'battery.charge.low': '40',
      'ups.delay.shutdown': '45',
      'ups.delay.start': '90',
      'driver.flag.onlinedischarge': 'enabled',
    });
    expect(JSON.parse(await control(ups, 'status'))).toMatchObject({ chargeLow: 40 });
    await control(ups, 'calibrate on');
    await statusBecomes(ups, 'OB DISCHRG');
    await control(ups, 'overheat on');
    await statusBecomes(ups, 'ALARM OB DISCHRG');
    expect((await upsc(ups))['ups.alarm']).toBe('Temperature too high!');
    await control(ups, 'calibrate off');
    await control(ups, 'overheat off');
    await control(ups, 'mains off');
    await waitFor(
      async () => (await upsc(ups))['input.transfer.reason'] === 'input voltage out of range',
      { what: 'input.transfer.reason from the APC line-fail cause' },
    );
  });
});

describe('usbhid-ups with a fake UPS whose USB cable is pulled', () => {
  it('makes upsd answer DATA-STALE at once, and serves fresh data again once it is plugged back', async () => {
    onTestFailed(() => {
      for (const p of programs) console.error(`--- ${p.name}\n${p.output()}`);
    });
    const ups = MODELS[2].ups;
    const upscError = () =>
      upsc(ups).then(
        () => '',
        (error: { stderr?: string }) => error.stderr ?? '',
      );
    await control(ups, 'unplug on');
    await waitFor(async () => /data stale/i.test(await upscError()), {
      what: 'upsc to report stale data',
      timeoutMs: 10_000,
    });
    await control(ups, 'unplug off');
    await waitFor(
      async () =>
        (await upsc(ups).catch((): Record<string, string> => ({})))['ups.mfr'] === 'EATON',
      {
        what: 'fresh data after the cable is back',
        timeoutMs: 15_000,
      },
    );
  });
});
