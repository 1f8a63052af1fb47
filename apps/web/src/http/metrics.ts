import { STATUS_TOKENS, parseStatus } from '@nut-ts/core';
import type { ServerSnapshot, UpsSnapshot } from '../ups-state.js';

/** The status tokens nut_exporter reports as flags (upsd's WAIT and ALARM, ECO, TEST are not). */
const STATUS_FLAGS = STATUS_TOKENS.filter(
  (token) => !['ALARM', 'WAIT', 'ECO', 'TEST'].includes(token),
);

const label = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * Prometheus text exposition with nut_exporter's names: `network_ups_tools_<variable>` for each
 * numeric variable (dots become underscores), `network_ups_tools_ups_status{flag=...}` for the
 * status flags, `network_ups_tools_device_info` for identity, plus the active count.
 */
export function renderMetrics(
  servers: readonly ServerSnapshot[],
  upses: readonly UpsSnapshot[],
): string {
  const lines: string[] = [];
  const families = new Map<string, string[]>();
  const add = (name: string, help: string, sample: string) => {
    if (!families.has(name)) families.set(name, [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`]);
    families.get(name)!.push(sample);
  };
  for (const server of servers) {
    add(
      'network_ups_tools_server_up',
      'Whether nut-web is connected to the upsd server',
      `network_ups_tools_server_up{server="${label(server.id)}"} ${server.connected ? 1 : 0}`,
    );
  }
  for (const ups of upses) {
    const ids = `server="${label(ups.server)}",ups="${label(ups.name)}"`;
    add(
      'network_ups_tools_data_available',
      'Whether upsd serves fresh data for the UPS',
      `network_ups_tools_data_available{${ids}} ${ups.error ? 0 : 1}`,
    );
    if (ups.numLogins !== undefined) {
      add(
        'network_ups_tools_active_count',
        'Systems logged in to the UPS (GET NUMLOGINS)',
        `network_ups_tools_active_count{${ids}} ${ups.numLogins}`,
      );
    }
    const status = new Set(parseStatus(ups.vars['ups.status'] ?? ''));
    for (const flag of STATUS_FLAGS) {
      add(
        'network_ups_tools_ups_status',
        'UPS status flags',
        `network_ups_tools_ups_status{${ids},flag="${flag}"} ${status.has(flag) ? 1 : 0}`,
      );
    }
    const info = ['device.mfr', 'device.model', 'device.serial', 'ups.mfr', 'ups.model']
      .filter((v) => ups.vars[v] !== undefined)
      .map((v) => `${v.replace(/\./g, '_')}="${label(ups.vars[v]!)}"`);
    add(
      'network_ups_tools_device_info',
      'Device identity',
      `network_ups_tools_device_info{${[ids, ...info].join(',')}} 1`,
    );
    for (const [name, value] of Object.entries(ups.vars)) {
      if (!/^-?\d+(\.\d+)?$/.test(value)) continue;
      const metric = `network_ups_tools_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
      add(metric, `NUT variable ${name}`, `${metric}{${ids}} ${value}`);
    }
  }
  for (const family of families.values()) lines.push(...family);
  return `${lines.join('\n')}\n`;
}
