import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInterop, makeTempDir, startNutSite, type NutSite } from '@nut-ts/testkit';
import { NutClient, type TlsOptions } from './nut-client.js';

/** A throw-away NSS database with a self-signed `upsd` certificate, as Debian's upsd (NSS) wants. */
function nssDatabase(dir: string): string {
  writeFileSync(join(dir, 'pw'), 'dbpass\n');
  writeFileSync(
    join(dir, 'noise'),
    Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)),
  );
  const db = `sql:${dir}`;
  execFileSync('certutil', ['-N', '-d', db, '-f', join(dir, 'pw')]);
  execFileSync(
    'certutil',
    [
      '-S',
      '-n',
      'upsd',
      '-s',
      'CN=localhost',
      '-x',
      '-t',
      'CTu,Cu,Cu',
      '-d',
      db,
      '-f',
      join(dir, 'pw'),
      '-z',
      join(dir, 'noise'),
      '-v',
      '12',
      '-8',
      'localhost,127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const pem = join(dir, 'ca.pem');
  writeFileSync(pem, execFileSync('certutil', ['-L', '-d', db, '-n', 'upsd', '-a']));
  return pem;
}

describeInterop("STARTTLS between NutClient and Debian's upsd 2.8.0 (NSS)", () => {
  const temp = makeTempDir('nut-nss-');
  let site: NutSite;
  let ca: Buffer;
  const clients: NutClient[] = [];

  beforeAll(async () => {
    const pem = nssDatabase(temp.path);
    ca = readFileSync(pem);
    site = await startNutSite({ upsdConf: `CERTPATH ${temp.path}\nCERTIDENT upsd dbpass\n` });
    await site.waitForStatus();
  }, 30_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await site?.stop();
    temp.remove();
  });

  const open = async (tls?: TlsOptions) => {
    const client = new NutClient({
      host: '127.0.0.1',
      port: site.port,
      reconnect: false,
      ...(tls && { tls }),
    });
    clients.push(client);
    await client.connect();
    return client;
  };

  it('upgrades with a verified certificate and logs in over TLS', async () => {
    const client = await open({ mode: 'force', ca, servername: 'localhost' });
    await client.username('upsmon_secondary');
    await client.password('secpass');
    await client.login('dummy');
    expect(await client.getVar('dummy', 'ups.status')).toBe('OL');
  });

  it('refuses a server certificate it cannot verify', async () => {
    const other = makeTempDir('nut-nss-other-');
    try {
      const wrongCa = readFileSync(nssDatabase(other.path));
      await expect(
        open({ mode: 'force', ca: wrongCa, servername: 'localhost' }),
      ).rejects.toMatchObject({ code: 'TLS-FAILED' });
    } finally {
      other.remove();
    }
  });
});
