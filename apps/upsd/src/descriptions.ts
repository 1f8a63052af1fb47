import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_DESCRIPTION, tokenizeText } from '@nut-ts/protocol';

/**
 * Variable and command descriptions read at run time from a `cmdvartab` file
 * (`VARDESC <name> "<text>"`, `CMDDESC <name> "<text>"`), as NUT's upsd does: upsd.conf
 * DATAPATH, then the usual NUT data directories. Without one, every description is
 * NUT's fallback text.
 */
export class Descriptions {
  private readonly vars = new Map<string, string>();
  private readonly cmds = new Map<string, string>();

  static load(dataPath?: string): Descriptions {
    const result = new Descriptions();
    const candidates = [
      dataPath,
      '/usr/share/nut',
      '/usr/local/ups/share',
      '/usr/share/nut-ts',
    ].filter((dir): dir is string => Boolean(dir));
    for (const dir of candidates) {
      try {
        result.parse(readFileSync(join(dir, 'cmdvartab'), 'latin1'));
        return result;
      } catch {
        // try the next place
      }
    }
    return result;
  }

  parse(text: string): void {
    for (const event of tokenizeText(text)) {
      if (event.kind !== 'line' || event.words.length < 3) continue;
      const [kind, name, desc] = event.words as [string, string, string];
      if (kind === 'VARDESC') this.vars.set(name.toLowerCase(), desc);
      else if (kind === 'CMDDESC') this.cmds.set(name.toLowerCase(), desc);
    }
  }

  /** The description of a variable, or NUT's fallback text. */
  variable(name: string): string {
    return this.vars.get(name.toLowerCase()) ?? NO_DESCRIPTION;
  }

  /** The description of an instant command, or NUT's fallback text. */
  command(name: string): string {
    return this.cmds.get(name.toLowerCase()) ?? NO_DESCRIPTION;
  }
}
