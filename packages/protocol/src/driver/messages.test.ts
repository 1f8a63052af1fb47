import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tokenizer, tokenizeText } from '../tokenizer.js';
import {
  decodeDriverMessage,
  decodeServerToDriver,
  encodeDriverMessage,
  encodeServerToDriver,
  type DriverMessage,
  type ServerToDriverMessage,
} from './messages.js';

const lines = (text: string) =>
  tokenizeText(text).flatMap((e) => (e.kind === 'line' ? [e.words] : []));

/** The words of each complete line, the text pushed one byte at a time. */
function linesByteByByte(text: string): string[][] {
  const tokenizer = new Tokenizer();
  return [...Buffer.from(text, 'latin1')].flatMap((byte) =>
    tokenizer.push(Uint8Array.of(byte)).flatMap((e) => (e.kind === 'line' ? [e.words] : [])),
  );
}

const HUGE = '9'.repeat(400);
const MAX = Number.MAX_SAFE_INTEGER;
const MIN = Number.MIN_SAFE_INTEGER;

/** Numbers beyond the safe integer range: clamped as strtol clamps, never Infinity. */
const NUMBER_VECTORS: Array<[string, DriverMessage]> = [
  [`ADDRANGE x -${HUGE} ${HUGE}\n`, { type: 'ADDRANGE', name: 'x', min: MIN, max: MAX }],
  [`DELRANGE x +${HUGE} -${HUGE}\n`, { type: 'DELRANGE', name: 'x', min: MAX, max: MIN }],
  [`SETAUX ups.id ${HUGE}\n`, { type: 'SETAUX', name: 'ups.id', aux: MAX }],
  ['SETAUX ups.id 9007199254740992\n', { type: 'SETAUX', name: 'ups.id', aux: MAX }],
  ['SETAUX ups.id 9007199254740991\n', { type: 'SETAUX', name: 'ups.id', aux: MAX }],
  ['SETAUX ups.id -9007199254740993\n', { type: 'SETAUX', name: 'ups.id', aux: MIN }],
  [
    'ADDRANGE x 0000000000000000000000000000000005 50\n',
    { type: 'ADDRANGE', name: 'x', min: 5, max: 50 },
  ],
  [`TRACKING id-1 ${HUGE}\n`, { type: 'TRACKING', id: 'id-1', status: MAX }],
  [`PID ${HUGE}\n`, { type: 'PID', pid: MAX }],
];

describe('driver -> server messages', () => {
  it('decodes the reference exchange, dump and live forms', () => {
    const text = [
      'SETINFO battery.charge "100"',
      'SETAUX ups.delay.shutdown 10',
      'SETFLAGS ups.delay.shutdown RW STRING',
      'setinfo ups.model "Py \\"quoted\\" \\\\ model"',
      'ADDRANGE battery.charge.low 5 50',
      'ADDCMD load.off',
      'DATAOK',
      'DUMPDONE',
      'TRACKING 1BD31808-CB49 0',
      'SETFLAGS x',
      'SETAUX x notanumber',
      'ADDRANGE x 1',
      'FROB x',
    ].join('\n');
    expect(lines(text).map(decodeDriverMessage)).toEqual([
      { type: 'SETINFO', name: 'battery.charge', value: '100' },
      { type: 'SETAUX', name: 'ups.delay.shutdown', aux: 10 },
      { type: 'SETFLAGS', name: 'ups.delay.shutdown', flags: ['RW', 'STRING'] },
      { type: 'SETINFO', name: 'ups.model', value: 'Py "quoted" \\ model' },
      { type: 'ADDRANGE', name: 'battery.charge.low', min: 5, max: 50 },
      { type: 'ADDCMD', name: 'load.off' },
      { type: 'DATAOK' },
      { type: 'DUMPDONE' },
      { type: 'TRACKING', id: '1BD31808-CB49', status: 0 },
      { type: 'SETFLAGS', name: 'x', flags: [] },
      undefined,
      undefined,
      undefined,
    ]);
  });

  for (const [line, expected] of NUMBER_VECTORS) {
    it(`${JSON.stringify(line.length > 48 ? `${line.slice(0, 40)}...` : line)} whole and byte by byte`, () => {
      expect(lines(line).map(decodeDriverMessage)).toEqual([expected]);
      expect(linesByteByByte(line).map(decodeDriverMessage)).toEqual([expected]);
    });
  }

  it('round-trips through encode and the tokenizer', () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9.]{0,20}$/);
    const value = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
    const message: fc.Arbitrary<DriverMessage> = fc.oneof(
      fc.record({ type: fc.constant('SETINFO' as const), name, value }),
      fc.record({ type: fc.constant('ADDENUM' as const), name, value }),
      fc.record({ type: fc.constant('DELINFO' as const), name }),
      fc.record({
        type: fc.constant('ADDRANGE' as const),
        name,
        min: fc.integer(),
        max: fc.integer(),
      }),
      fc.record({ type: fc.constant('SETAUX' as const), name, aux: fc.nat() }),
      fc.record({
        type: fc.constant('SETFLAGS' as const),
        name,
        flags: fc.subarray(['RW', 'STRING', 'NUMBER']),
      }),
      fc.record({
        type: fc.constant('TRACKING' as const),
        id: name,
        status: fc.integer({ min: 0, max: 4 }),
      }),
      fc.constant({ type: 'DATASTALE' as const }),
    );
    fc.assert(
      fc.property(message, (m) => {
        expect(lines(encodeDriverMessage(m)).map(decodeDriverMessage)).toEqual([m]);
      }),
    );
  });
});

describe('server -> driver messages', () => {
  it('decodes requests', () => {
    const text = [
      'PING',
      'DUMPALL',
      'INSTCMD test.battery.start.quick TRACKING 1BD3',
      'INSTCMD load.off.delay 20',
      'SET ups.delay.shutdown "30" TRACKING abc',
      'BROADCAST 0',
      'DUMPVALUE ups.status',
      `BROADCAST -${HUGE}`,
      'SET onlyname',
      'NONSENSE',
    ].join('\n');
    expect(lines(text).map(decodeServerToDriver)).toEqual([
      { type: 'PING' },
      { type: 'DUMPALL' },
      { type: 'INSTCMD', name: 'test.battery.start.quick', trackingId: '1BD3' },
      { type: 'INSTCMD', name: 'load.off.delay', param: '20' },
      { type: 'SET', name: 'ups.delay.shutdown', value: '30', trackingId: 'abc' },
      { type: 'BROADCAST', level: 0 },
      { type: 'DUMPVALUE', name: 'ups.status' },
      { type: 'BROADCAST', level: MIN },
      undefined,
      undefined,
    ]);
  });

  it('round-trips requests', () => {
    const samples: ServerToDriverMessage[] = [
      { type: 'SET', name: 'ups.id', value: 'a "b" #c', trackingId: 'X-1' },
      { type: 'INSTCMD', name: 'load.off' },
      { type: 'INSTCMD', name: 'load.on.delay', param: '5', trackingId: 'T' },
      { type: 'BROADCAST' },
      { type: 'LOGOUT' },
    ];
    for (const m of samples)
      expect(lines(encodeServerToDriver(m)).map(decodeServerToDriver)).toEqual([m]);
  });
});
