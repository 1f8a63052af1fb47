import { Writable } from 'node:stream';
import { createInterface } from 'node:readline/promises';

/**
 * A prompt on a terminal: asks on `output` and reads one line from `input`; for a hidden
 * answer (a password) the typed characters are not echoed, as NUT's getpass does.
 */
export function terminalPrompt(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): (question: string, hidden: boolean) => Promise<string> {
  return async (question, hidden) => {
    let muted = false;
    const echo = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        if (!muted) output.write(chunk);
        done();
      },
    });
    const rl = createInterface({ input, output: echo, terminal: true });
    try {
      const answer = rl.question(question);
      muted = hidden;
      return await answer;
    } finally {
      rl.close();
      if (hidden) output.write('\n');
    }
  };
}
