import type { ToolIo } from '../io.js';
import { terminalPrompt } from '../terminal-prompt.js';

/** Runs a tool with the process's streams; prompts only when stdin is a terminal. */
export async function runTool(
  tool: (argv: string[], io: ToolIo) => Promise<number>,
): Promise<void> {
  const io: ToolIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    ...(process.stdin.isTTY && { prompt: terminalPrompt(process.stdin, process.stderr) }),
  };
  process.exitCode = await tool(process.argv.slice(2), io);
}
