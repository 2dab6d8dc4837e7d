import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/library/database';
import { createMemoryLogger } from '../../electron/core/logger';
import { isFtsQueryError } from '../../electron/core/library/search';
import { toFtsQuery, toFtsWordsQuery } from '../../shared/search-query';

// Every sanitized query is run against a real FTS5 table built by the real migrations: "valid" means SQLite accepts it.
const db = openDatabase(':memory:', createMemoryLogger());
afterAll(() => db.close());
const match = db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 5');

const HOSTILE = [
  '"',
  '""',
  '"""',
  '"unbalanced phrase',
  'foo"bar',
  '-',
  '--',
  '-deploy',
  'deploy-plan',
  'a - b',
  ':',
  'title:',
  'title:deploy',
  'body:foo OR ask:bar',
  '{title body}: x',
  '😀',
  '🚀 launch 🚀',
  '👩‍💻',
  '(',
  ')',
  '((deploy',
  'deploy))',
  ')(',
  '()',
  'NEAR',
  'NEAR(a b)',
  'NEAR(a b, 2)',
  'a NEAR/2 b',
  'AND',
  'OR',
  'NOT',
  'AND OR NOT',
  'NOT deploy',
  'deploy NOT',
  'deploy AND',
  'OR deploy',
  'a AND AND b',
  'a OR OR OR b',
  '*',
  '**',
  'dep**',
  '*deploy',
  'a*b',
  '^deploy',
  '+deploy',
  "don't",
  'C++ & C#',
  '100%',
  'e-mail: ops@example.com',
  'SELECT * FROM clips; --',
  "'); DROP TABLE clips; --",
  '\\',
  '\u0000',
  '\t\n\r',
  '   ',
  '',
  'Ünïcödé naïve café',
  '日本語のテキスト',
  'a'.repeat(5000),
  Array.from({ length: 300 }, (_, i) => `w${i}`).join(' '),
  '"a" "b" (c OR "d e") NOT f* g',
  // Issue 20, finding 8: what once made FTS5 raise "parser stack overflow" or "unterminated string".
  '(a OR '.repeat(40) + 'x' + ')'.repeat(40),
  'NEAR( '.repeat(400),
  'a\u0000b',
  '"a\u0000b"',
  'a OR '.repeat(80) + 'b',
  'a NOT '.repeat(80) + 'b',
  '('.repeat(300) + 'deploy' + ')'.repeat(300),
  '(a AND (b OR (c NOT (d '.repeat(30),
  Array.from({ length: 120 }, (_, i) => `(w${i} OR`).join(' '),
];

describe('toFtsQuery', () => {
  it.each(HOSTILE)('turns %j into something FTS5 accepts, or nothing', (input) => {
    const query = toFtsQuery(input);
    if (query !== null) expect(() => match.all(query)).not.toThrow();
  });

  it('never throws on values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, [], Symbol('x')]) expect(toFtsQuery(value)).toBeNull();
  });

  it('keeps phrases, prefixes and the uppercase operators', () => {
    expect(toFtsQuery('"database migration"')).toBe('"database migration"');
    expect(toFtsQuery('migrat*')).toBe('"migrat"*');
    expect(toFtsQuery('deploy OR release')).toBe('"deploy" OR "release"');
    expect(toFtsQuery('deploy AND friday')).toBe('"deploy" AND "friday"');
    expect(toFtsQuery('deploy NOT friday')).toBe('"deploy" NOT "friday"');
    expect(toFtsQuery('deploy AND NOT friday')).toBe('"deploy" NOT "friday"');
    expect(toFtsQuery('(deploy OR release) friday')).toBe('("deploy" OR "release") AND "friday"');
  });

  it('treats lowercase operators, column filters and NEAR as words', () => {
    expect(toFtsQuery('cats and dogs')).toBe('"cats" AND "and" AND "dogs"');
    expect(toFtsQuery('title:deploy')).toBe('"title:deploy"');
    expect(toFtsQuery('NEAR(a b)')).toBe('"NEAR" AND ("a" AND "b")');
  });

  it('drops what cannot match and what is out of place', () => {
    expect(toFtsQuery('😀')).toBeNull();
    expect(toFtsQuery('NOT')).toBeNull();
    expect(toFtsQuery('   ')).toBeNull();
    expect(toFtsQuery('NOT deploy')).toBe('"deploy"');
    expect(toFtsQuery('deploy OR')).toBe('"deploy"');
    expect(toFtsQuery('((deploy')).toBe('"deploy"');
    expect(toFtsQuery('deploy)) friday')).toBe('"deploy" AND "friday"');
    expect(toFtsQuery('say "hi')).toBe('"say" AND "hi"');
    expect(toFtsQuery('quote"inside')).toBe('"quote" AND "inside"');
  });
});

describe('the words-only fallback', () => {
  it('keeps only words, all required, and FTS5 accepts it', () => {
    expect(toFtsWordsQuery('(a OR "b\u0000c") NEAR(')).toBe('"a" AND "OR" AND "b" AND "c" AND "NEAR"');
    expect(toFtsWordsQuery('😀 ()')).toBeNull();
    expect(toFtsWordsQuery(42)).toBeNull();
    for (const input of HOSTILE) {
      const query = toFtsWordsQuery(input);
      if (query !== null) expect(() => match.all(query)).not.toThrow();
    }
  });

  it('is taken for FTS5 query errors only', () => {
    let ftsError: unknown;
    try {
      match.all('(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a');
    } catch (error) {
      ftsError = error;
    }
    expect(isFtsQueryError(ftsError)).toBe(true);
    expect(isFtsQueryError(new Error('disk I/O error'))).toBe(false);
  });
});
