import { NutClient } from '@nut-ts/client';

const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

export interface IdleConnections {
  /** Connections that still answered NETVER once all were open. */
  held: number;
  /** Server RSS while holding them, MB. */
  rssMb: number;
  /** RSS growth from holding half of them to holding all, per connection, KB. */
  perConnectionKb: number;
}

/**
 * Opens up to `count` idle connections to the server on `port` (200 at a time), checks which
 * ones it still answers, and reads its RSS (`rssKb`) at half way and while holding them all.
 */
export async function idleConnections(
  port: number,
  count: number,
  rssKb: () => number,
): Promise<IdleConnections> {
  const clients: NutClient[] = [];
  let half: { rss: number; open: number } | undefined;
  for (let opened = 0; opened < count; ) {
    const batch = Math.min(200, count - opened);
    const results = await Promise.allSettled(
      Array.from({ length: batch }, async () => {
        const client = new NutClient({
          host: '127.0.0.1',
          port,
          reconnect: false,
          requestTimeoutMs: 20_000,
        });
        await client.connect();
        return client;
      }),
    );
    opened += batch;
    for (const result of results) if (result.status === 'fulfilled') clients.push(result.value);
    if (results.every((r) => r.status === 'rejected')) break;
    if (!half && opened >= count / 2) {
      await settle();
      half = { rss: rssKb(), open: clients.length };
    }
  }
  await settle();
  const answers = await Promise.all(
    clients.map((c) =>
      c.netver().then(
        () => 1,
        () => 0,
      ),
    ),
  );
  const held = answers.reduce<number>((a, b) => a + b, 0);
  const holding = rssKb();
  await Promise.all(clients.map((c) => c.close().catch(() => {})));
  return {
    held,
    rssMb: holding / 1024,
    perConnectionKb:
      half && clients.length > half.open
        ? (holding - half.rss) / (clients.length - half.open)
        : NaN,
  };
}
