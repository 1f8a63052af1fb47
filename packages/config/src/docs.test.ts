import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTIFY_TYPES } from './notify-types.js';
import { UPS_GLOBAL_KEYS } from './ups-conf.js';
import { UPSD_DEFAULTS, UPSD_KEYWORDS } from './upsd-conf.js';
import { UPSMON_KEYWORDS } from './upsmon-conf.js';

const docs = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');

describe('docs/configuration.md', () => {
  it('names every keyword each parser accepts', () => {
    const keywords = [
      ...Object.keys(UPS_GLOBAL_KEYS),
      ...Object.keys(UPSD_KEYWORDS),
      ...Object.keys(UPSMON_KEYWORDS),
    ];
    expect(keywords.filter((k) => !docs.includes(`\`${k}`))).toEqual([]);
  });

  it('names every notification type', () => {
    expect(NOTIFY_TYPES.filter((t) => !docs.includes(t))).toEqual([]);
  });

  it('states the upsd.conf defaults the parser uses', () => {
    expect(docs).toContain(`\`MAXAGE <s>\` | ${UPSD_DEFAULTS.maxAge}`);
    expect(docs).toContain(`\`MAXCONN <n>\` | ${UPSD_DEFAULTS.maxConn}`);
    expect(docs).toContain(`\`TRACKINGDELAY <s>\` | ${UPSD_DEFAULTS.trackingDelay}`);
  });
});
