import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBin } from './bins.js';
import { DevFileUps } from './dev-file-ups.js';
import { MegatecSimUps } from './megatec-sim-ups.js';
import { upsConf } from './site-files.js';

/** The UPS's name in every site's ups.conf. */
export const SITE_UPS = 'ups';

/**
 * The site's UPS and its driver: dummy-ups on a `.dev` file the harness rewrites, or the
 * Megatec simulator read by nutdrv_qx. Writes ups.conf and knows how to make the power fail.
 */
export class SiteUps {
  private constructor(
    /** The driver program upsd talks to. */
    readonly driver: 'dummy-ups' | 'nutdrv_qx',
    /**
     * Appended to the primary's SHUTDOWNCMD: tells the UPS to cut power, as a late shutdown
     * script would (Megatec only; dummy-ups cannot).
     */
    readonly killPower: string,
    readonly devFile: DevFileUps | undefined,
    readonly megatec: MegatecSimUps | undefined,
  ) {}

  static async start(
    kind: 'dummy' | 'megatec',
    where: { dir: string; etc: string; state: string; env: NodeJS.ProcessEnv },
  ): Promise<SiteUps> {
    const conf = join(where.etc, 'ups.conf');
    if (kind === 'megatec') {
      const megatec = await MegatecSimUps.start(where.dir, where.env);
      const port = `tcp://127.0.0.1:${megatec.port}`;
      writeFileSync(conf, upsConf({ name: SITE_UPS, driver: 'nutdrv_qx', port }));
      const killPower = `; NUT_CONFPATH=${where.etc} NUT_STATEPATH=${where.state} ${findBin('nutdrv_qx')} -a ${SITE_UPS} -k`;
      return new SiteUps('nutdrv_qx', killPower, undefined, megatec);
    }
    const devFile = new DevFileUps(join(where.etc, 'ups.dev'));
    writeFileSync(conf, upsConf({ name: SITE_UPS, driver: 'dummy-ups', port: 'ups.dev' }));
    return new SiteUps('dummy-ups', '', devFile, undefined);
  }

  /** The power fails: the UPS goes on battery. */
  async mainsOff(): Promise<void> {
    if (this.megatec) await this.megatec.control('mains off');
    else
      this.devFile?.set({
        'ups.status': 'OB DISCHRG',
        'input.voltage': '0.0',
        'battery.charge': '60',
      });
  }

  /** The battery runs low. */
  async lowBattery(): Promise<void> {
    if (this.megatec) await this.megatec.control('charge 15');
    else
      this.devFile?.set({
        'ups.status': 'OB DISCHRG LB',
        'battery.charge': '15',
        'battery.runtime': '120',
      });
  }

  /** Mains return. */
  async mainsBack(): Promise<void> {
    if (this.megatec) await this.megatec.control('mains on');
    else this.devFile?.set({ 'ups.status': 'OL CHRG', 'input.voltage': '230.0' });
  }

  async stop(): Promise<void> {
    await this.megatec?.process.stop();
  }
}
