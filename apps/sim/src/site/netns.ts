import { execFile, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import type { HostEndpoint, SiteNetwork } from './network.js';

const run = promisify(execFile);

/** Runs `ip` with `args`; a failure names the command and what `ip` said. */
async function ip(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('ip', args);
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`ip ${args.join(' ')}: ${(stderr || message).trim()}`);
  }
}

/** Why network namespaces cannot be used here, or undefined when they can. */
export function netnsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces exist only on Linux';
  if (process.getuid?.() !== 0) return 'network namespaces need root';
  const probe = spawnSync('ip', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 'iproute2 (the ip command) is not installed';
  return undefined;
}

interface NamespacedHost {
  netns: string;
  /** The veth end on the bridge, in the root namespace. */
  link: string;
}

/**
 * Each host in its own network namespace, joined to a bridge in the root namespace by a veth
 * pair, with its own address on a private /24. upsd listens on the bridge's address, so
 * LIST CLIENT shows every host's own address, and taking a host's link down is a real partition:
 * its TCP connection neither closes nor answers.
 */
export class NamespaceNetwork implements SiteNetwork {
  readonly kind = 'netns';
  readonly extraListen: readonly string[];
  private readonly hosts = new Map<string, NamespacedHost>();
  private readonly cleanupOnExit = () => this.closeSync();

  private constructor(
    private readonly id: string,
    private readonly bridge: string,
    private readonly prefix: string,
  ) {
    this.extraListen = [`${prefix}.1`];
    process.once('exit', this.cleanupOnExit);
  }

  /** Creates the bridge on a /24 that no interface here uses yet. */
  static async open(): Promise<NamespaceNetwork> {
    const reason = netnsUnavailable();
    if (reason) throw new Error(reason);
    const used = await ip('-4', '-o', 'addr', 'show');
    let prefix = '';
    do prefix = `10.${randomInt(100, 250)}.${randomInt(0, 256)}`;
    while (used.includes(` ${prefix}.`));
    const id = randomBytes(2).toString('hex');
    const network = new NamespaceNetwork(id, `nsbr${id}`, prefix);
    try {
      await ip('link', 'add', network.bridge, 'type', 'bridge');
      await ip('addr', 'add', `${prefix}.1/24`, 'dev', network.bridge);
      await ip('link', 'set', network.bridge, 'up');
    } catch (error) {
      await network.close();
      throw error;
    }
    return network;
  }

  async attach(host: string, index: number, upsdPort: number): Promise<HostEndpoint> {
    if (index > 240) throw new Error('a namespaced site holds at most 241 hosts');
    const netns = `nutsim-${this.id}-${index}`;
    const link = `nsv${this.id}-${index}`;
    const hostAddress = `${this.prefix}.${10 + index}`;
    this.hosts.set(host, { netns, link });
    await ip('netns', 'add', netns);
    await ip('link', 'add', link, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns);
    await ip('link', 'set', link, 'master', this.bridge, 'up');
    await ip('-n', netns, 'addr', 'add', `${hostAddress}/24`, 'dev', 'eth0');
    await ip('-n', netns, 'link', 'set', 'eth0', 'up');
    await ip('-n', netns, 'link', 'set', 'lo', 'up');
    return { upsdAddress: this.extraListen[0]!, upsdPort, hostAddress };
  }

  wrap(host: string, command: string, args: readonly string[]) {
    return { command: 'ip', args: ['netns', 'exec', this.hostFor(host).netns, command, ...args] };
  }

  async cut(host: string): Promise<void> {
    await ip('link', 'set', this.hostFor(host).link, 'down');
  }

  async restore(host: string): Promise<void> {
    await ip('link', 'set', this.hostFor(host).link, 'up');
  }

  /** Deletes every namespace (which removes its veth pair) and the bridge. */
  async close(): Promise<void> {
    process.removeListener('exit', this.cleanupOnExit);
    for (const { netns } of this.hosts.values()) await ip('netns', 'del', netns).catch(() => {});
    this.hosts.clear();
    await ip('link', 'del', this.bridge).catch(() => {});
  }

  /** The same, synchronously, for a process that exits without stopping its site. */
  private closeSync(): void {
    for (const { netns } of this.hosts.values()) spawnSync('ip', ['netns', 'del', netns]);
    spawnSync('ip', ['link', 'del', this.bridge]);
  }

  private hostFor(host: string): NamespacedHost {
    const found = this.hosts.get(host);
    if (!found) throw new Error(`host ${host} is not on this site's network`);
    return found;
  }
}
