import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { NutClient } from '@nut-ts/client';
import { findBin } from './bins.js';
import type { DevFileUps } from './dev-file-ups.js';
import type { MegatecSimUps } from './megatec-sim-ups.js';
import { SITE_UPS, SiteUps } from './site-ups.js';
import { Host } from './host.js';
import { ManagedProcess } from './managed-process.js';
import { MarkerReader } from './marker-reader.js';
import { Recorder } from './recorder.js';
import {
  FAST_TIMERS,
  notifyScript,
  shutdownScript,
  upsdConf,
  upsdUsers,
  type SiteTimers,
} from './site-files.js';
import { Timeline } from './timeline.js';
import { LoopbackNetwork, type SiteNetwork } from './network.js';
import { NamespaceNetwork, netnsUnavailable } from './netns.js';
import { retry, waitForEvent } from './wait.js';

export interface SiteOptions {
  /** Number of secondary hosts (default 3). */
  secondaries?: number;
  /** upsmon timers in seconds; defaults are {@link FAST_TIMERS}. */
  timers?: Partial<SiteTimers>;
  /** Working directory; a fresh temp dir by default, removed by stop() unless `keep`. */
  dir?: string;
  keep?: boolean;
  /** How often the recorder polls upsd, in ms (default 100). */
  recorderIntervalMs?: number;
  /** Extra arguments for every upsmon (e.g. `-D`). */
  upsmonArgs?: string[];
  /** Also start nut-web on the site (its URL is logged to the timeline). */
  web?: boolean;
  /** Route each host through its own TCP relay so it can be cut off with {@link Site.cutOff}. */
  relays?: boolean;
  /**
   * Put each host in its own network namespace on a bridge (root and iproute2 needed): LIST
   * CLIENT shows distinct addresses and {@link Site.cutOff} is a real partition. Without root or
   * iproute2 the site runs on loopback with relays and says so in its timeline.
   */
  netns?: boolean;
  /** How many of the secondaries run Debian's NUT 2.8.0 upsmon instead of ours (default 0). */
  nutSecondaries?: number;
  /**
   * The UPS: `dummy` (dummy-ups on a .dev file, default) or `megatec` (megatec-sim read by
   * nutdrv_qx; the primary's SHUTDOWNCMD also tells the UPS to cut power, as a late shutdown
   * script would).
   */
  ups?: 'dummy' | 'megatec';
}

const UPS = SITE_UPS;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A simulated site on one machine: a UPS (dummy-ups on a `.dev` file), one upsd, one primary
 * and N secondary upsmon "hosts", each with its own config and state, and a recorder keeping
 * a timeline of status, active count, clients, notifications, shutdowns and exits.
 */
export class Site {
  readonly timeline = new Timeline();
  readonly hosts: Host[] = [];
  readonly timers: SiteTimers;
  readonly etc: string;
  readonly state: string;
  readonly eventsFile: string;
  private siteUps: SiteUps | undefined;
  /** nut-web's URL when started with `web: true`. */
  webUrl: string | undefined;
  port = 0;
  private readonly processes: ManagedProcess[] = [];
  /** How hosts reach upsd (set by start()). */
  network: SiteNetwork | undefined;
  private upsd: ManagedProcess | undefined;
  private driver: ManagedProcess | undefined;
  private env: NodeJS.ProcessEnv = {};
  private recorder: Recorder | undefined;
  private markers: MarkerReader | undefined;
  private readonly ownsDir: boolean;

  constructor(private readonly options: SiteOptions = {}) {
    this.timers = { ...FAST_TIMERS, ...options.timers };
    this.ownsDir = !options.dir;
    this.dir = options.dir ?? mkdtempSync(join(tmpdir(), 'nut-sim-'));
    this.etc = join(this.dir, 'etc');
    this.state = join(this.dir, 'state');
    this.eventsFile = join(this.dir, 'events.log');
  }

  readonly dir: string;

  get primary(): Host {
    return this.hosts[0]!;
  }

  get secondaries(): Host[] {
    return this.hosts.slice(1);
  }

  /** Writes every config file and starts driver, upsd and hosts; resolves when all are logged in. */
  async start(): Promise<void> {
    mkdirSync(this.etc, { recursive: true });
    mkdirSync(this.state, { recursive: true, mode: 0o770 });
    this.port = await freePort();
    this.network = await this.openNetwork();
    this.env = { ...process.env, NUT_CONFPATH: this.etc, NUT_STATEPATH: this.state };
    const ups = await SiteUps.start(this.options.ups ?? 'dummy', {
      dir: this.dir,
      etc: this.etc,
      state: this.state,
      env: this.env,
    });
    this.siteUps = ups;
    writeFileSync(
      join(this.etc, 'upsd.conf'),
      upsdConf(this.port, this.state, this.network.extraListen),
    );
    writeFileSync(join(this.etc, 'upsd.users'), upsdUsers());
    chmodSync(join(this.etc, 'upsd.users'), 0o600);
    const shutdown = join(this.dir, 'shutdown.sh');
    const notify = join(this.dir, 'notify.sh');
    writeFileSync(shutdown, shutdownScript(this.eventsFile), { mode: 0o755 });
    writeFileSync(notify, notifyScript(this.eventsFile), { mode: 0o755 });

    this.driver = this.spawn(ups.driver, ['-a', UPS, '-F']);
    await this.startUpsd();
    if (this.options.web) await this.startWeb();

    const markers = new MarkerReader(this.eventsFile, this.timeline);
    this.markers = markers;
    this.recorder = new Recorder(
      { port: this.port, ups: UPS, intervalMs: this.options.recorderIntervalMs ?? 100 },
      this.timeline,
      markers,
    );
    this.recorder.start();

    const count = (this.options.secondaries ?? 3) + 1;
    const firstNut = count - (this.options.nutSecondaries ?? 0);
    if (firstNut < 1) throw new Error('nutSecondaries cannot exceed the number of secondaries');
    const network = this.network;
    for (let i = 0; i < count; i++) {
      const role = i === 0 ? 'primary' : 'secondary';
      const name = i === 0 ? 'primary' : `secondary-${i}`;
      const endpoint = await network.attach(name, i, this.port);
      const host = new Host(
        {
          name,
          role,
          ups: UPS,
          upsdAddress: endpoint.upsdAddress,
          address: endpoint.hostAddress,
          port: endpoint.upsdPort,
          program: i >= firstNut ? 'nut' : 'nut-ts',
          timers: this.timers,
          shutdownCmd: `${shutdown} ${name}${role === 'primary' ? ups.killPower : ''}`,
          notifyCmd: `${notify} ${name}`,
          powerDownFlag: join(this.dir, 'hosts', name, 'killpower'),
        },
        this.dir,
      );
      this.hosts.push(host);
      this.processes.push(
        host.start({
          ourUpsmon: findBin('upsmon'),
          timeline: this.timeline,
          wrap: (...args) => network.wrap(...args),
          ...(this.options.upsmonArgs && { extraArgs: this.options.upsmonArgs }),
        }),
      );
    }
    await this.waitForCount(count, 30_000);
  }

  /** Starts upsd and resolves once it serves the UPS with real data. */
  async startUpsd(): Promise<void> {
    this.upsd = this.spawn('upsd', ['-F']);
    await retry(() => this.readStatus(), 20_000, 'upsd serving the UPS');
  }

  /** Starts nut-web on a free port, watching this site's upsd. */
  async startWeb(): Promise<void> {
    const web = this.spawn('nut-web', [
      '--server',
      `127.0.0.1:${this.port}`,
      '--listen',
      '127.0.0.1:0',
      '--poll-ms',
      '250',
    ]);
    await web.waitForOutput(/nut-web listening on (\S+)/);
    this.webUrl = /nut-web listening on (\S+)/.exec(web.output())![1];
    this.note(`dashboard at ${this.webUrl}`);
  }

  /** Stops upsd (SIGTERM) and starts it again on the same port and configuration. */
  async restartUpsd(): Promise<void> {
    await this.upsd?.stop();
    this.note('upsd stopped');
    await this.startUpsd();
  }

  /**
   * Cuts one host off from upsd: on loopback its relay drops and refuses connections; with
   * network namespaces its link goes down, so its connection neither closes nor answers.
   */
  async cutOff(hostName: string): Promise<void> {
    await this.requireNetwork().cut(hostName);
    this.note('cut off from upsd', hostName);
  }

  /** Reconnects a host that {@link cutOff} cut off. */
  async reconnect(hostName: string): Promise<void> {
    await this.requireNetwork().restore(hostName);
    this.note('link back', hostName);
  }

  /** The UPS driver's process (to stop, continue or kill it in fault scenarios). */
  get driverProcess(): ManagedProcess | undefined {
    return this.driver;
  }

  /** Kills the UPS driver at once (SIGKILL), as a crash would. */
  killDriver(): void {
    this.driver?.child.kill('SIGKILL');
    this.note('driver killed');
  }

  /** Kills a host's upsmon at once (SIGKILL), as a crash or power loss would. */
  killHost(hostName: string): void {
    const host = this.hosts.find((h) => h.name === hostName);
    host?.process?.kill('SIGKILL');
    this.note('host killed', hostName);
  }

  private async openNetwork(): Promise<SiteNetwork> {
    if (!this.options.netns) return new LoopbackNetwork(this.options.relays ?? false);
    const reason = netnsUnavailable();
    if (!reason) {
      const network = await NamespaceNetwork.open();
      this.note(`each host in its own network namespace; upsd at ${network.extraListen[0]}`);
      return network;
    }
    this.note(`no network namespaces (${reason}): every host runs on loopback`);
    return new LoopbackNetwork(true);
  }

  private requireNetwork(): SiteNetwork {
    if (!this.network) throw new Error('the site has not started');
    return this.network;
  }

  /** Resolves when upsd's active count reads `count` (now or later). */
  async waitForCount(count: number, timeoutMs: number): Promise<void> {
    if (this.timeline.filter('count').at(-1)?.count === count) return;
    await waitForEvent(
      this.timeline,
      (e) => e.kind === 'count' && e.count === count && e.at >= Date.now() - 1,
      timeoutMs,
      `active count ${count}`,
    );
  }

  /** Resolves when upsd serves a ups.status matching `pattern`. */
  async waitForStatus(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    const latest = this.timeline.filter('status').at(-1);
    if (latest && pattern.test(latest.detail)) return;
    await waitForEvent(
      this.timeline,
      (e) => e.kind === 'status' && pattern.test(e.detail),
      timeoutMs,
      `status ${pattern}`,
    );
  }

  /** Resolves when `host`'s upsmon has run NOTIFYCMD for `type` (ONBATT, FSD...). */
  async waitForNotify(host: string, type: string, timeoutMs = 15_000): Promise<void> {
    await waitForEvent(
      this.timeline,
      (e) => e.kind === 'notify' && e.host === host && e.detail.startsWith(type),
      timeoutMs,
      `${host} notifying ${type}`,
    );
  }

  /** The `.dev` file UPS (dummy mode): tests change its data with `set`. */
  get ups(): DevFileUps {
    const devFile = this.siteUps?.devFile;
    if (!devFile)
      throw new Error('this site runs a Megatec UPS (or has not started): use site.megatec');
    return devFile;
  }

  /** The Megatec simulator, in `ups: 'megatec'` mode. */
  get megatec(): MegatecSimUps | undefined {
    return this.siteUps?.megatec;
  }

  /** Mains fail: the UPS goes on battery, then reaches low battery after `lowBatteryAfterMs`. */
  async powerCut(lowBatteryAfterMs = 2000): Promise<void> {
    await this.mainsOff();
    await new Promise((resolve) => setTimeout(resolve, lowBatteryAfterMs));
    await this.lowBattery();
  }

  /** The power fails: the UPS goes on battery. */
  async mainsOff(): Promise<void> {
    this.note('power cut: ups on battery');
    await this.siteUps?.mainsOff();
  }

  /** The battery runs low. */
  async lowBattery(): Promise<void> {
    this.note('battery low');
    await this.siteUps?.lowBattery();
  }

  /** Mains return. */
  async mainsBack(): Promise<void> {
    this.note('mains back');
    await this.siteUps?.mainsBack();
  }

  /** Resolves when every host's upsmon has exited. */
  async waitForHostsDown(timeoutMs: number): Promise<void> {
    const all = Promise.all(this.hosts.map((host) => host.process?.exited));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`hosts still up after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
    // The hosts wrote their markers before exiting: read them now, not on the next poll.
    await this.readNow();
  }

  /** Reads the markers and polls upsd now, instead of waiting for the recorder's next round. */
  async readNow(): Promise<void> {
    await this.refresh();
    await this.recorder?.pollOnce();
  }

  /** Reads the hosts' SHUTDOWNCMD/NOTIFYCMD markers written so far into the timeline. */
  async refresh(): Promise<void> {
    await this.markers?.poll();
  }

  /** Adds a harness note to the timeline. */
  note(detail: string, host?: string): void {
    this.timeline.add({ at: Date.now(), kind: 'site', detail, ...(host && { host }) });
  }

  /** Every program's output, for failure reports. */
  logs(): string {
    return this.processes.map((p) => `----- ${p.name} -----\n${p.output()}`).join('\n');
  }

  async stop(): Promise<void> {
    await this.recorder?.stop();
    await Promise.all([...this.processes.map((p) => p.stop()), this.siteUps?.stop()]);
    await this.network?.close();
    if (this.ownsDir && !this.options.keep) rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(program: string, args: string[]): ManagedProcess {
    const proc = new ManagedProcess(program, findBin(program), args, {
      env: this.env,
      logFile: join(this.dir, `${program}.log`),
    });
    this.processes.push(proc);
    this.note(`${program} started`);
    return proc;
  }

  private async readStatus(): Promise<string> {
    const client = new NutClient({
      host: '127.0.0.1',
      port: this.port,
      reconnect: false,
      connectTimeoutMs: 1000,
    });
    try {
      await client.connect();
      const status = await client.getVar(UPS, 'ups.status');
      if (status === 'WAIT') throw new Error('driver data not there yet');
      return status;
    } finally {
      await client.close().catch(() => {});
    }
  }
}
