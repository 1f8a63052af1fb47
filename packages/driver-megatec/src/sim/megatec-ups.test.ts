import { describe, expect, it } from 'vitest';
import { parseQ1 } from '../protocol/q1.js';
import { interpretQ1 } from '../protocol/status-bits.js';
import { control } from './control.js';
import { commandHandler } from './line-handler.js';
import { MegatecUps, type SimulatorOptions } from './megatec-ups.js';

/** A simulator on a hand-turned clock: `pass(s)` lets simulated seconds go by. */
function simulator(options: SimulatorOptions = {}) {
  let now = 0;
  const ups = new MegatecUps({ now: () => now, ...options });
  const pass = (seconds: number) => (now += (seconds * 1000) / (options.timeScale ?? 1));
  const status = () => {
    const reply = ups.reply('Q1');
    return reply === undefined ? undefined : parseQ1(reply);
  };
  const tokens = () => {
    const s = status();
    return s && interpretQ1(s).tokens.join(' ');
  };
  return { ups, pass, status, tokens };
}

describe('the simulated Megatec UPS', () => {
  it('answers Q1, F and I in the formats Debian accepts, and records what it got', () => {
    const { ups } = simulator();
    expect(ups.reply('Q1')).toBe('(230.4 140.0 230.4 023 50.0 26.0 31.0 00001001');
    expect(ups.reply('F')).toBe('#230.0 004 024.0 50.0');
    expect(ups.reply('I')).toHaveLength(38);
    expect(ups.received).toEqual(['Q1', 'F', 'I']);
  });

  it('echoes unknown commands, or stays silent when told to', () => {
    expect(simulator().ups.reply('QGS')).toBe('QGS');
    expect(simulator({ unknown: 'silent' }).ups.reply('QGS')).toBeUndefined();
    const { ups } = simulator({ statusQueries: ['QS'], answersInfo: false });
    expect(ups.reply('Q1')).toBe('Q1');
    expect(ups.reply('QS')).toMatch(/^\(/);
    expect(ups.reply('F')).toBe('F');
  });

  it('drains with the load on battery, raises LB at the threshold and recharges on line', () => {
    const { ups, pass, tokens } = simulator({ drainPerSecond: 1, lowBattery: 20 });
    ups.load = 50;
    ups.mains = false;
    pass(100);
    expect(ups.charge).toBeCloseTo(50);
    expect(tokens()).toBe('OB');
    pass(61);
    expect(ups.charge).toBeCloseTo(19.5);
    expect(tokens()).toBe('OB LB');
    ups.mains = true;
    expect(tokens()).toBe('OL');
    pass(100);
    expect(ups.charge).toBeCloseTo(24.5);
  });

  it('cuts the output when the battery is empty, is dead without mains, and restarts when they return', () => {
    const { ups, pass, status } = simulator({ drainPerSecond: 1 });
    ups.load = 100;
    ups.mains = false;
    pass(150);
    expect(ups.outputOn).toBe(false);
    expect(ups.asleep).toBe(true);
    expect(status()).toBeUndefined();
    ups.mains = true;
    expect(ups.outputOn).toBe(true);
    expect(status()?.outputVoltage).toBe(230.4);
  });

  it('S.5R0003: output off after 30 s, back 3 minutes after mains return', () => {
    const { ups, pass, tokens } = simulator();
    ups.mains = false;
    expect(ups.reply('S.5R0003')).toBeUndefined();
    expect(tokens()).toBe('OB FSD');
    pass(29);
    expect(ups.outputOn).toBe(true);
    pass(2);
    expect(ups.outputOn).toBe(false);
    expect(ups.reply('Q1')).toBeUndefined();
    pass(600);
    ups.mains = true;
    pass(179);
    expect(ups.outputOn).toBe(false);
    expect(tokens()).toBe('OL');
    pass(2);
    expect(ups.outputOn).toBe(true);
    expect(ups.events.map((e) => `${e.what}@${Math.round(e.at)}`)).toEqual([
      'mains off@0',
      'output off@30',
      'mains on@631',
      'output on@811',
    ]);
  });

  it('the restart clock starts again when mains fail during it', () => {
    const { ups, pass } = simulator();
    ups.reply('S01R0002');
    pass(60);
    expect(ups.outputOn).toBe(false);
    pass(100);
    ups.mains = false;
    pass(100);
    ups.mains = true;
    pass(119);
    expect(ups.outputOn).toBe(false);
    pass(2);
    expect(ups.outputOn).toBe(true);
  });

  it('R0000 stays off until C; S<n> without R returns with mains; C cancels a pending shutdown', () => {
    const stay = simulator();
    stay.ups.reply('S.2R0000');
    stay.pass(3600);
    expect(stay.ups.outputOn).toBe(false);
    stay.ups.reply('C');
    expect(stay.ups.outputOn).toBe(true);

    const back = simulator();
    back.ups.mains = false;
    back.ups.reply('S.2');
    back.pass(13);
    expect(back.ups.outputOn).toBe(false);
    back.ups.mains = true;
    expect(back.ups.outputOn).toBe(true);

    const cancelled = simulator();
    cancelled.ups.reply('S01');
    cancelled.pass(30);
    cancelled.ups.reply('C');
    cancelled.pass(60);
    expect(cancelled.ups.outputOn).toBe(true);
    expect(cancelled.ups.shutdownPending).toBe(false);
  });

  it('load.off (S00R0000) cuts at once; self-tests run on battery and end by themselves', () => {
    const off = simulator();
    off.ups.reply('S00R0000');
    expect(off.ups.outputOn).toBe(false);
    expect(off.status()?.outputVoltage).toBe(0);

    const { ups, pass, tokens } = simulator({ drainPerSecond: 1, lowBattery: 20 });
    ups.reply('T');
    expect(tokens()).toBe('OL CAL');
    pass(11);
    expect(tokens()).toBe('OL');
    expect(ups.charge).toBeLessThan(100);
    ups.reply('T02');
    pass(100);
    expect(ups.testing).toBe(true);
    ups.reply('CT');
    expect(ups.testing).toBe(false);
    ups.load = 100;
    ups.charge = 60;
    ups.reply('TL');
    pass(39);
    expect(ups.testing).toBe(true);
    pass(2);
    expect(ups.testing).toBe(false);
    expect(ups.charge).toBeCloseTo(20, 0);
  });

  it('boosts low input and trims high input (bit b5)', () => {
    const { ups, tokens } = simulator();
    ups.inputVoltage = 200;
    expect(tokens()).toBe('OL BOOST');
    ups.inputVoltage = 255;
    expect(tokens()).toBe('OL TRIM');
    ups.reply('Q');
    expect(ups.beeper).toBe(false);
  });

  it('reports the battery per cell when asked', () => {
    expect(simulator({ batteryReport: 'cell' }).status()?.batteryVoltage).toBe(2.17);
  });

  it('fault switches: silence, garbage, echo everything, and the ignored command', () => {
    const { ups } = simulator();
    ups.faults.silent = true;
    expect(ups.reply('Q1')).toBeUndefined();
    ups.faults.silent = false;
    ups.faults.garbage = true;
    expect(ups.reply('Q1')).toMatch(/garbage/);
    ups.faults.garbage = false;
    ups.faults.echoAll = true;
    expect(ups.reply('Q')).toBe('Q');
    expect(ups.beeper).toBe(true);
  });
});

describe('the line handler', () => {
  it.each([
    ['whole', ['Q1\rF\r']],
    ['byte by byte', [...'Q1\rF\r']],
    ['with CRLF', ['Q1\r\nF\r\n']],
  ])('splits commands fed %s', (_how, chunks) => {
    const ups = new MegatecUps();
    const out: string[] = [];
    const feed = commandHandler(ups, (bytes) => out.push(bytes.toString('latin1')));
    for (const chunk of chunks) feed(Buffer.from(chunk, 'latin1'));
    expect(ups.received).toEqual(['Q1', 'F']);
    expect(out).toHaveLength(2);
    expect(out.every((reply) => reply.endsWith('\r'))).toBe(true);
  });

  it('survives a flood of junk without CR and goes on', () => {
    const ups = new MegatecUps();
    const feed = commandHandler(ups, () => {});
    feed(Buffer.alloc(100_000, 0xff));
    feed(Buffer.from('\rQ1\r'));
    expect(ups.received.at(-1)).toBe('Q1');
  });
});

describe('control lines', () => {
  it('drives the state and answers JSON', () => {
    const ups = new MegatecUps();
    expect(JSON.parse(control(ups, 'mains off'))).toMatchObject({ mains: false, output: true });
    expect(JSON.parse(control(ups, 'battery 10'))).toMatchObject({ charge: 10 });
    expect(JSON.parse(control(ups, 'charge 15'))).toMatchObject({ charge: 15 });
    expect(JSON.parse(control(ups, '  LOAD   40 '))).toMatchObject({ load: 40 });
    control(ups, 'silent on');
    expect(ups.faults.silent).toBe(true);
    control(ups, 'slow 250');
    expect(ups.faults.delayMs).toBe(250);
    ups.reply('Q1');
    expect(JSON.parse(control(ups, 'received'))).toEqual(['Q1']);
    expect(JSON.parse(control(ups, 'status'))).toHaveProperty('shutdownPending', false);
  });

  it.each(['mains maybe', 'charge lots', 'charge -5', 'load', 'reboot', 'mains on now'])(
    'rejects %j',
    (line) => {
      const ups = new MegatecUps();
      expect(control(ups, line)).toMatch(/^error: /);
      expect(ups.mains).toBe(true);
    },
  );
});
