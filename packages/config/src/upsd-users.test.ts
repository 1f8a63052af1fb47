import { describe, expect, it } from 'vitest';
import { errorsOf, warningsOf } from './config-errors.test-helper.js';
import { parseUpsdUsers } from './upsd-users.js';

describe('parseUpsdUsers', () => {
  it('reads passwords, accumulated rights and upsmon roles in every spelling', () => {
    const { users, warnings } = parseUpsdUsers(
      [
        '[admin]',
        '  password = "pass words"',
        '  actions = SET',
        '  actions = fsd',
        '  instcmds = test.battery.start Test.Battery.Stop',
        '  instcmds = ALL',
        '[mon]',
        '  password = x',
        '  upsmon master',
        '[sec]',
        '  password=y',
        '  upsmon = slave',
        '[Pri]',
        '  PASSWORD z',
        '  Upsmon Primary',
        '[nopass]',
        '  actions SET FSD',
      ].join('\r\n'),
    );
    expect([...users.keys()]).toEqual(['admin', 'mon', 'sec', 'Pri', 'nopass']);
    expect(users.get('admin')).toEqual({
      name: 'admin',
      password: 'pass words',
      actions: ['SET', 'FSD'],
      instcmds: ['test.battery.start', 'test.battery.stop', 'all'],
    });
    expect(users.get('mon')).toEqual({
      name: 'mon',
      password: 'x',
      upsmon: 'primary',
      actions: ['LOGIN', 'MASTER', 'FSD'],
      instcmds: [],
    });
    expect(users.get('sec')).toMatchObject({ upsmon: 'secondary', actions: ['LOGIN'] });
    expect(users.get('Pri')).toMatchObject({ password: 'z', upsmon: 'primary' });
    expect(users.get('nopass')).toEqual({
      name: 'nopass',
      actions: ['SET', 'FSD'],
      instcmds: [],
    });
    expect(warnings).toEqual([]);
  });

  it('warns where NUT only logs: duplicates, unknown fields and actions, allowfrom', () => {
    const parsed = parseUpsdUsers(
      [
        '[a]', // 1
        'password = first', // 2
        'password = second', // 3
        'actions = SET bogus', // 4
        'frob = 1', // 5
        'allowfrom = localhost', // 6
        '[a]', // 7
        'password = third', // 8
        'actions = FSD', // 9
      ].join('\n'),
      'users',
    );
    expect(parsed.users.get('a')).toEqual({
      name: 'a',
      password: 'first',
      actions: ['SET'],
      instcmds: [],
    });
    expect(warningsOf(parsed)).toEqual([
      'users:3: second password for [a] ignored',
      'users:4: actions: word 2 of the list is not SET or FSD and is ignored (not shown: it may be a password)',
      'users:5: unknown field ignored (not shown: it may be a password); the fields are password, actions, instcmds, upsmon',
      'users:6: allowfrom is obsolete and ignored: use LISTEN and a firewall',
      'users:7: user [a] is defined twice: the later one is ignored',
    ]);
  });

  it('reports every error at once with its line', () => {
    const text = [
      'password = orphan',
      '[a]',
      'upsmon boss',
      'upsmon',
      'password = two words',
      'password =',
      'actions =',
      'instcmds',
      'password = "pri#pass"',
    ].join('\n');
    expect(errorsOf(() => parseUpsdUsers(text, 'users'))).toEqual([
      'users:9: Unbalanced word due to unescaped # in quotes',
      "users:1: 'password' outside a [user] section",
      'users:3: upsmon must be followed by primary or secondary (or master/slave)',
      'users:4: upsmon must be followed by primary or secondary (or master/slave)',
      'users:5: password needs exactly one value (quote it if it has spaces)',
      'users:6: password needs exactly one value (quote it if it has spaces)',
      'users:7: actions needs at least one word (SET, FSD)',
      'users:8: instcmds needs at least one command name or ALL',
    ]);
  });

  it('freezes users and their rights', () => {
    const { users } = parseUpsdUsers('[a]\nactions = SET\n');
    expect(Object.isFrozen(users.get('a'))).toBe(true);
    expect(() => (users.get('a')!.actions as string[]).push('FSD')).toThrow(TypeError);
    expect(() => users.set('b', { name: 'b', actions: [], instcmds: [] })).toThrow(TypeError);
    expect(() => users.delete('a')).toThrow(TypeError);
    expect(users.get('a')?.actions).toEqual(['SET']);
  });
});
