import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fixture } from '@nut-ts/upsd/testing';
import { terminalPrompt } from './terminal-prompt.js';
import { runOurs, servingFixture } from './test/run-ours.js';
import { upscmd } from './upscmd.js';
import { upsrw } from './upsrw.js';

describe('credential and value prompts (stdin a terminal)', () => {
  let fixture: Fixture;
  let ups: string;
  beforeAll(async () => {
    ({ fixture, ups } = await servingFixture());
  });
  afterAll(() => fixture?.close());

  it('upscmd asks for the username, then the password hidden, and sends the command', async () => {
    const prompts: string[] = [];
    const run = await runOurs(upscmd, [ups, 'beeper.toggle'], {
      answers: ['admin', 'adminpass'],
      prompts,
    });
    expect(prompts).toEqual(['Username: |shown', 'Password: |hidden']);
    expect(run).toEqual({ stdout: '', stderr: 'OK\n', code: 0 });
    expect(fixture.driver.received).toContain('INSTCMD beeper.toggle');
  });

  it('asks only for what -u/-p did not give; a wrong password is ACCESS-DENIED', async () => {
    const prompts: string[] = [];
    const run = await runOurs(upscmd, ['-u', 'admin', ups, 'load.off'], {
      answers: ['wrong'],
      prompts,
    });
    expect(prompts).toEqual(['Password: |hidden']);
    expect(run).toEqual({
      stdout: '',
      stderr: 'Unexpected response from upsd: ERR ACCESS-DENIED\n',
      code: 1,
    });
  });

  it('upsrw -s without a value asks for it, then for the credentials', async () => {
    const prompts: string[] = [];
    const run = await runOurs(upsrw, ['-s', 'ups.id', ups], {
      answers: ['rack 2', 'admin', 'adminpass'],
      prompts,
    });
    expect(prompts).toEqual([
      'Enter new value for ups.id: |shown',
      'Username: |shown',
      'Password: |hidden',
    ]);
    expect(run.code).toBe(0);
    expect(fixture.driver.received).toContain('SET ups.id rack 2');
  });

  it('without a terminal nothing is asked: a missing username or value is an error', async () => {
    expect(await runOurs(upscmd, [ups, 'load.off'])).toEqual({
      stdout: '',
      stderr: 'Error: a username is needed (-u <username>)\n',
      code: 1,
    });
    expect(await runOurs(upscmd, ['-u', 'admin', ups, 'load.off'])).toMatchObject({
      stderr: 'Error: a password is needed (-p <password>)\n',
      code: 1,
    });
    expect(await runOurs(upsrw, ['-s', 'ups.id', ups])).toMatchObject({
      stderr: 'Error: no value given: use -s VAR=VALUE\n',
      code: 1,
    });
  });
});

describe('terminalPrompt', () => {
  function terminal() {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    return { input, prompt: terminalPrompt(input, output), shown: () => shown };
  }

  it('echoes a visible answer', async () => {
    const { input, prompt, shown } = terminal();
    const answer = prompt('Username: ', false);
    input.write('admin\r');
    expect(await answer).toBe('admin');
    expect(shown()).toContain('Username: ');
    expect(shown()).toContain('admin');
  });

  it('does not echo a hidden answer, and ends the line', async () => {
    const { input, prompt, shown } = terminal();
    const answer = prompt('Password: ', true);
    input.write('s3cret\r');
    expect(await answer).toBe('s3cret');
    expect(shown()).toContain('Password: ');
    expect(shown()).not.toContain('s3cret');
    expect(shown().endsWith('\n')).toBe(true);
  });
});
