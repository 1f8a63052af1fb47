import { waitFor } from '@nut-ts/testkit';
import { startFixture, type Fixture } from '@nut-ts/upsd/testing';
import type { ToolIo } from '../io.js';
import { upsc } from '../upsc.js';

/** What a tool printed and returned. */
export interface ToolRun {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs one of our tools in-process with recorded output; `answers` are typed at the prompts,
 * which are recorded as `question|hidden`.
 */
export async function runOurs(
  tool: (argv: string[], io: ToolIo) => Promise<number>,
  argv: string[],
  options: { answers?: string[]; prompts?: string[] } = {},
): Promise<ToolRun> {
  const out = { stdout: '', stderr: '' };
  const io: ToolIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    env: {},
  };
  const { answers, prompts } = options;
  if (answers)
    io.prompt = async (question, hidden) => {
      prompts?.push(`${question}|${hidden ? 'hidden' : 'shown'}`);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`no answer left for ${question}`);
      return answer;
    };
  const code = await tool(argv, io);
  return { ...out, code };
}

/** Our upsd fixture (with the enum/string extras), once it serves `ups` with real data. */
export async function servingFixture(): Promise<{ fixture: Fixture; ups: string }> {
  const fixture = await startFixture({ moreData: true });
  const ups = `ups@127.0.0.1:${fixture.port}`;
  await waitFor(async () => (await runOurs(upsc, [ups, 'ups.status'])).code === 0, {
    what: 'upsd serving the fake driver',
  });
  return { fixture, ups };
}
