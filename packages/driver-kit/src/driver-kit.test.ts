import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@nut-ts/testkit';
import { StateStore } from './state-store.js';
import { DriverSocketServer, type DriverHandlers } from './socket-server.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sampleStore(): StateStore {
  const store = new StateStore();
  store.setInfo('ups.status', 'OL');
  store.setInfo('battery.charge', '100');
  store.setInfo('Battery.Alpha', 'x');
  store.setFlags('battery.charge', { rw: true });
  store.setInfo('ups.id', 'a "b"');
  store.setAux('ups.id', 16);
  store.setFlags('ups.id', { rw: true, string: true });
  store.setInfo('input.transfer.low', '95');
  store.addEnum('input.transfer.low', '95');
  store.addEnum('input.transfer.low', '100');
  store.addRange('battery.charge', 5, 50);
  store.addCmd('load.off');
  store.addCmd('beeper.disable');
  store.setStale(false);
  return store;
}

async function serve(
  store: StateStore,
  handlers: DriverHandlers = { instcmd: async () => 0, setvar: async () => 0 },
) {
  const dir = makeTempDir('nut-drv-');
  const path = join(dir.path, 'dummy-ups-test');
  const server = new DriverSocketServer(path, store, handlers);
  await server.listen();
  cleanups.push(
    () => dir.remove(),
    () => server.close(),
  );
  return { path, server };
}

function session(path: string) {
  const socket = connect(path);
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => (text += d));
  cleanups.push(() => void socket.destroy());
  const until = async (pattern: RegExp) => {
    for (let i = 0; i < 200 && !pattern.test(text); i++)
      await new Promise((r) => setTimeout(r, 10));
    return text;
  };
  return { socket, until, reset: () => (text = '') };
}

describe('StateStore', () => {
  it('dumps in NUT order: variables sorted case-insensitively with their details, commands, DATAOK, DUMPDONE', () => {
    const lines = sampleStore()
      .dump()
      .map((m) => m.type + ('name' in m ? ` ${m.name}` : ''));
    expect(lines).toEqual([
      'SETINFO Battery.Alpha',
      'SETINFO battery.charge',
      'ADDRANGE battery.charge',
      'SETFLAGS battery.charge',
      'SETINFO input.transfer.low',
      'ADDENUM input.transfer.low',
      'ADDENUM input.transfer.low',
      'SETINFO ups.id',
      'SETAUX ups.id',
      'SETFLAGS ups.id',
      'SETINFO ups.status',
      'ADDCMD beeper.disable',
      'ADDCMD load.off',
      'DATAOK',
      'DUMPDONE',
    ]);
  });

  it('announces only real changes and protects override values', () => {
    const store = new StateStore();
    const seen: string[] = [];
    store.on('change', (m) => seen.push(m.type));
    store.setInfo('a', '1');
    store.setInfo('a', '1');
    store.override('b', '2');
    expect(store.setInfo('b', '3')).toBe(false);
    expect(store.getInfo('b')).toBe('2');
    expect(seen).toEqual(['SETINFO', 'SETINFO']);
  });
});

describe('DriverSocketServer', () => {
  it('answers DUMPALL, PING, GETPID and DUMPVALUE, fed whole and byte by byte', async () => {
    const { path } = await serve(sampleStore());
    for (const byteByByte of [false, true]) {
      const client = session(path);
      const request = 'PING\nDUMPVALUE ups.id\nGETPID\nDUMPALL\n';
      if (byteByByte) for (const char of request) client.socket.write(char);
      else client.socket.write(request);
      const text = await client.until(/DATAOK\nDUMPDONE\n$/);
      expect(text).toBe(
        [
          'PONG',
          'SETINFO ups.id "a \\"b\\""',
          'SETAUX ups.id 16',
          'SETFLAGS ups.id RW STRING',
          'DUMPDONE',
          `PID ${process.pid}`,
          'SETINFO Battery.Alpha "x"',
          'SETINFO battery.charge "100"',
          'ADDRANGE battery.charge 5 50',
          'SETFLAGS battery.charge RW',
          'SETINFO input.transfer.low "95"',
          'ADDENUM input.transfer.low "95"',
          'ADDENUM input.transfer.low "100"',
          'SETINFO ups.id "a \\"b\\""',
          'SETAUX ups.id 16',
          'SETFLAGS ups.id RW STRING',
          'SETINFO ups.status "OL"',
          'ADDCMD beeper.disable',
          'ADDCMD load.off',
          'DATAOK',
          'DUMPDONE',
          '',
        ].join('\n'),
      );
    }
  });

  it('broadcasts changes except to NOBROADCAST clients, and reports TRACKING results', async () => {
    const store = sampleStore();
    const calls: string[] = [];
    const { path } = await serve(store, {
      instcmd: async (name: string) => (calls.push(name), name === 'load.off' ? 0 : 1),
      setvar: async (name: string, value: string) => (calls.push(`${name}=${value}`), 0),
    });
    const listener = session(path);
    const quiet = session(path);
    quiet.socket.write('NOBROADCAST\nPING\n');
    await quiet.until(/PONG/);
    listener.socket.write('PING\n');
    await listener.until(/PONG/);
    store.setInfo('ups.status', 'OB');
    await listener.until(/SETINFO ups.status "OB"/);
    listener.socket.write(
      'INSTCMD load.off TRACKING id-1\nSET ups.id "new" TRACKING id-2\nINSTCMD nope TRACKING id-3\nBOGUS\n',
    );
    const text = await listener.until(/TRACKING id-3 1/);
    expect(text).toContain('TRACKING id-1 0');
    expect(text).toContain('TRACKING id-2 0');
    expect(calls).toEqual(['load.off', 'ups.id=new', 'nope']);
    expect(await quiet.until(/never/)).toBe('PONG\n');
  });

  it('refuses to take over the socket of a live driver but replaces a stale socket file', async () => {
    const { path } = await serve(new StateStore());
    await expect(
      new DriverSocketServer(path, new StateStore(), {
        instcmd: async () => 0,
        setvar: async () => 0,
      }).listen(),
    ).rejects.toThrow(/already serving/);
  });
});
