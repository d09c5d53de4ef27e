import { describe, expect, it } from 'vitest';
import { statementName, withStatementName } from './prepared.js';

describe('named prepared statements', () => {
  it('names a parameterised query by its text, the same name for the same text', () => {
    const a = withStatementName({ text: 'select * from people where id = $1', values: ['x'] }) as { name: string };
    const b = withStatementName('select * from people where id = $1', ['y']) as { name: string; text: string; values: unknown[] };
    expect(a.name).toMatch(/^s[0-9a-f]{24}$/);
    expect(b).toEqual({ text: 'select * from people where id = $1', values: ['y'], name: a.name });
    expect(statementName('select 2')).not.toBe(statementName('select 1'));
  });

  it('leaves queries without parameters, named ones, very long or wide ones and submittables alone', () => {
    const plain = { text: 'create table x (a int)' };
    expect(withStatementName(plain)).toBe(plain);
    expect(withStatementName('listen events')).toBe('listen events');
    const named = { text: 'select $1', values: [1], name: 'mine' };
    expect(withStatementName(named)).toBe(named);
    const wide = { text: 'select $1', values: Array.from({ length: 500 }, (_, i) => i) };
    expect(withStatementName(wide)).toBe(wide);
    const long = { text: `select $1 ${' '.repeat(20_000)}`, values: [1] };
    expect(withStatementName(long)).toBe(long);
    const submittable = { text: 'select $1', values: [1], submit() {} };
    expect(withStatementName(submittable)).toBe(submittable);
  });
});
