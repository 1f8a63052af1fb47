import { EventEmitter } from 'node:events';
import { emptyFlags, type VarInfo } from '@nut-ts/core';
import type { DriverMessage } from '@nut-ts/protocol';

const ci = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * A driver's published state: variables (flags, aux, enums, ranges), instant commands and the
 * data-stale flag. Every real change is emitted as the driver-socket message that announces
 * it; an unchanged value (compared case-insensitively, as NUT does) emits nothing.
 */
export class StateStore extends EventEmitter<{ change: [DriverMessage] }> {
  private readonly vars = new Map<string, VarInfo>();
  private readonly cmds = new Map<string, string>();
  private readonly immutable = new Set<string>();
  private stale = true;

  /** Sets a variable; returns false when an `override.` value protects it. */
  setInfo(name: string, value: string): boolean {
    const key = name.toLowerCase();
    if (this.immutable.has(key)) return false;
    this.put(name, value);
    return true;
  }

  /** Sets a value the driver may never change again (ups.conf `override.<var>`). */
  override(name: string, value: string): void {
    this.immutable.delete(name.toLowerCase());
    this.put(name, value);
    this.immutable.add(name.toLowerCase());
  }

  private put(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.vars.get(key);
    if (existing) {
      if (existing.value === value) return;
      existing.value = value;
    } else {
      this.vars.set(key, { name, value, flags: emptyFlags(), aux: 0, enums: [], ranges: [] });
    }
    this.emit('change', { type: 'SETINFO', name: this.vars.get(key)!.name, value });
  }

  getInfo(name: string): string | undefined {
    return this.vars.get(name.toLowerCase())?.value;
  }

  get(name: string): VarInfo | undefined {
    return this.vars.get(name.toLowerCase());
  }

  delInfo(name: string): void {
    const info = this.vars.get(name.toLowerCase());
    if (!info || this.immutable.has(name.toLowerCase())) return;
    this.vars.delete(name.toLowerCase());
    this.emit('change', { type: 'DELINFO', name: info.name });
  }

  setFlags(name: string, flags: { rw?: boolean; string?: boolean; number?: boolean }): void {
    const info = this.vars.get(name.toLowerCase());
    if (!info) return;
    const next = {
      rw: flags.rw ?? false,
      string: flags.string ?? false,
      number: flags.number ?? false,
    };
    if (
      next.rw === info.flags.rw &&
      next.string === info.flags.string &&
      next.number === info.flags.number
    )
      return;
    info.flags = next;
    this.emit('change', { type: 'SETFLAGS', name: info.name, flags: flagWords(info) });
  }

  setAux(name: string, aux: number): void {
    const info = this.vars.get(name.toLowerCase());
    if (!info || info.aux === aux) return;
    info.aux = aux;
    this.emit('change', { type: 'SETAUX', name: info.name, aux });
  }

  addEnum(name: string, value: string): void {
    const info = this.vars.get(name.toLowerCase());
    if (!info || info.enums.includes(value)) return;
    info.enums.push(value);
    this.emit('change', { type: 'ADDENUM', name: info.name, value });
  }

  addRange(name: string, min: number, max: number): void {
    const info = this.vars.get(name.toLowerCase());
    if (!info || info.ranges.some((r) => r.min === min && r.max === max)) return;
    info.ranges.push({ min, max });
    this.emit('change', { type: 'ADDRANGE', name: info.name, min, max });
  }

  addCmd(name: string): void {
    if (this.cmds.has(name.toLowerCase())) return;
    this.cmds.set(name.toLowerCase(), name);
    this.emit('change', { type: 'ADDCMD', name });
  }

  delCmd(name: string): void {
    if (!this.cmds.delete(name.toLowerCase())) return;
    this.emit('change', { type: 'DELCMD', name });
  }

  hasCmd(name: string): boolean {
    return this.cmds.has(name.toLowerCase());
  }

  get isStale(): boolean {
    return this.stale;
  }

  /** DATAOK / DATASTALE, sent on change only. */
  setStale(stale: boolean): void {
    if (stale === this.stale) return;
    this.stale = stale;
    this.emit('change', { type: stale ? 'DATASTALE' : 'DATAOK' });
  }

  /** The messages of a full dump for one variable (empty when it does not exist). */
  dumpVar(name: string): DriverMessage[] {
    const info = this.vars.get(name.toLowerCase());
    if (!info) return [];
    const out: DriverMessage[] = [{ type: 'SETINFO', name: info.name, value: info.value }];
    for (const value of info.enums) out.push({ type: 'ADDENUM', name: info.name, value });
    for (const r of info.ranges)
      out.push({ type: 'ADDRANGE', name: info.name, min: r.min, max: r.max });
    if (info.aux !== 0) out.push({ type: 'SETAUX', name: info.name, aux: info.aux });
    const flags = flagWords(info);
    if (flags.length > 0) out.push({ type: 'SETFLAGS', name: info.name, flags });
    return out;
  }

  /** DUMPALL in NUT's order: DATASTALE?, variables sorted ci, commands sorted ci, DATAOK?, DUMPDONE. */
  dump(): DriverMessage[] {
    const out: DriverMessage[] = this.stale ? [{ type: 'DATASTALE' }] : [];
    for (const info of [...this.vars.values()].sort((a, b) => ci(a.name, b.name)))
      out.push(...this.dumpVar(info.name));
    for (const cmd of [...this.cmds.values()].sort(ci)) out.push({ type: 'ADDCMD', name: cmd });
    if (!this.stale) out.push({ type: 'DATAOK' });
    out.push({ type: 'DUMPDONE' });
    return out;
  }

  names(): string[] {
    return [...this.vars.values()].map((info) => info.name);
  }
}

function flagWords(info: VarInfo): string[] {
  return [
    ...(info.flags.rw ? ['RW'] : []),
    ...(info.flags.string ? ['STRING'] : []),
    ...(info.flags.number ? ['NUMBER'] : []),
  ];
}
