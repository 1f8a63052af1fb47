import { connect, Server, type ListenOptions } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseUpsConf, parseUpsdConf, parseUpsdUsers } from '@nut-ts/config';
import { makeTempDir } from '@nut-ts/testkit';
import { createUpsd, type Upsd } from './create-upsd.js';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Resolves 'connected' or the error code of a TCP connection to `host`:`port`. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** This machine's addresses, loopback and not (link-local IPv6 left out: it needs a scope). */
function localAddresses(): { loopback: string[]; other: string[] } {
  const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  return {
    loopback: all.filter((a) => a.internal).map((a) => a.address),
    other: all.filter((a) => !a.internal && !a.address.startsWith('fe80:')).map((a) => a.address),
  };
}

/**
 * Our upsd from an upsd.conf without LISTEN. NUT's port 3493 may be taken on a shared machine
 * (a real upsd, another test), so every listen() asking for 3493 is given a free port instead;
 * the addresses are left exactly as upsd asks.
 */
async function upsdWithoutListen(): Promise<{ upsd: Upsd; asked: ListenOptions[] }> {
  const asked: ListenOptions[] = [];
  const realListen = Server.prototype.listen;
  vi.spyOn(Server.prototype, 'listen').mockImplementation(function (
    this: Server,
    ...args: unknown[]
  ) {
    const options = args[0] as ListenOptions;
    if (options && typeof options === 'object' && options.port === 3493) {
      asked.push(options);
      args[0] = { ...options, port: 0 };
    }
    return (realListen as (...a: unknown[]) => Server).apply(this, args);
  });
  const temp = makeTempDir('nut-upsd-listen-');
  cleanup.push(() => temp.remove());
  const upsdConf = parseUpsdConf('# no LISTEN line\nMAXAGE 15\n');
  expect(upsdConf.listen).toEqual([]);
  const upsd = createUpsd(
    {
      upsd: upsdConf,
      ups: parseUpsConf('[ups]\n  driver = dummy-ups\n  port = none\n'),
      users: parseUpsdUsers(''),
      statePath: temp.path,
    },
    { driverRetryMs: 60_000 },
  );
  cleanup.push(() => upsd.close());
  await upsd.listen();
  return { upsd, asked };
}

describe('upsd without LISTEN lines', () => {
  it("binds NUT's port on 127.0.0.1 and ::1 only", async () => {
    const { upsd, asked } = await upsdWithoutListen();
    const { loopback } = localAddresses();
    const expected = ['127.0.0.1', ...(loopback.includes('::1') ? ['::1'] : [])];
    expect(asked.map((o) => o.host)).toEqual(['127.0.0.1', '::1']);
    expect(
      upsd
        .addresses()
        .map((a) => a.address)
        .sort(),
    ).toEqual(expected.sort());
  });

  it('refuses connections on every non-loopback address of this machine', async (context) => {
    const { upsd } = await upsdWithoutListen();
    const { other } = localAddresses();
    for (const address of upsd.addresses()) {
      expect(await tryConnect(address.address, address.port)).toBe('connected');
    }
    if (other.length === 0) context.skip('this machine has no non-loopback address to try');
    for (const host of other) {
      for (const { port } of upsd.addresses()) {
        expect(`${host} port ${port}: ${await tryConnect(host, port)}`).toBe(
          `${host} port ${port}: ECONNREFUSED`,
        );
      }
    }
  });
});
