import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@nut-ts/testkit';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHANGESET = join(ROOT, 'node_modules', '.bin', 'changeset');

describe('the release flow', () => {
  const temp = makeTempDir('nut-release-');
  const tree = join(temp.path, 'tree');
  afterAll(() => {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT, stdio: 'ignore' });
    temp.remove();
  });

  it('`changeset version` bumps every published package together and writes changelogs', () => {
    // A throw-away checkout of this commit, so the real tree is never touched.
    execFileSync('git', ['worktree', 'add', '--detach', tree, 'HEAD'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    writeFileSync(
      join(tree, '.changeset', 'test-release.md'),
      '---\n"@nut-ts/core": minor\n---\n\nA test release.\n',
    );
    execFileSync(CHANGESET, ['version'], { cwd: tree, stdio: 'ignore' });
    const version = (dir: string) =>
      (JSON.parse(readFileSync(join(tree, dir, 'package.json'), 'utf8')) as { version: string })
        .version;
    expect(version('packages/core')).toBe('0.2.0');
    expect(version('apps/upsd')).toBe('0.2.0');
    expect(version('apps/web')).toBe('0.2.0');
    expect(version('tools/testkit')).toBe('0.1.0'); // private packages are not released
    expect(existsSync(join(tree, 'packages/core/CHANGELOG.md'))).toBe(true);
    expect(readFileSync(join(tree, 'packages/core/CHANGELOG.md'), 'utf8')).toContain(
      'A test release.',
    );
  }, 60_000);
});
