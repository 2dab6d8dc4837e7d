import { describe, expect, it } from 'vitest';
import { clampSpeed, currentSegmentIndex, playerKeyAction } from '../../renderer/src/lib/player-keys';
import { clipHref, parseHash, searchHref } from '../../renderer/src/lib/route';
import { markMatches, parseSnippet } from '../../renderer/src/lib/snippet';

describe('search snippets', () => {
  it('splits marked words out of a snippet', () => {
    expect(parseSnippet('we [ship] the [release] today')).toEqual([
      { text: 'we ', match: false },
      { text: 'ship', match: true },
      { text: ' the ', match: false },
      { text: 'release', match: true },
      { text: ' today', match: false },
    ]);
  });

  it('keeps unbalanced brackets as text and drops empty parts', () => {
    expect(parseSnippet('array[0 is [fine]')).toEqual([
      { text: 'array', match: false },
      { text: '0 is [fine', match: true },
    ]);
    expect(parseSnippet('a ] b [')).toEqual([{ text: 'a ] b [', match: false }]);
    expect(parseSnippet('')).toEqual([]);
    expect(parseSnippet('[]x')).toEqual([{ text: 'x', match: false }]);
  });

  it('takes other markers when the index uses them', () => {
    expect(parseSnippet('a <b>c</b>', '<b>', '</b>')).toEqual([
      { text: 'a ', match: false },
      { text: 'c', match: true },
    ]);
  });

  it('marks query words case-insensitively, escaping regex characters', () => {
    expect(markMatches('Release plan for Q3', 'release q3')).toBe('[Release] plan for [Q3]');
    expect(markMatches('cost (draft) 1+1', '(draft) 1+1')).toBe('cost [(draft)] [1+1]');
    expect(markMatches('nothing', '   ')).toBe('nothing');
  });
});

describe('hash routes', () => {
  it('parses every screen, defaulting to the inbox', () => {
    expect(parseHash('')).toEqual({ name: 'inbox' });
    expect(parseHash('#/')).toEqual({ name: 'inbox' });
    expect(parseHash('#/search?q=launch%20plan')).toEqual({ name: 'search', query: 'launch plan' });
    expect(parseHash('#/settings')).toEqual({ name: 'settings' });
    expect(parseHash('#/nowhere/else')).toEqual({ name: 'not-found', path: '/nowhere/else' });
  });

  it('reads a clip id and a start second, ignoring a bad one', () => {
    expect(parseHash('#/clip/abc123?t=42')).toEqual({ name: 'clip', id: 'abc123', t: 42 });
    expect(parseHash('#/clip/abc123?t=-3')).toEqual({ name: 'clip', id: 'abc123', t: null });
    expect(parseHash('#/clip/abc123')).toEqual({ name: 'clip', id: 'abc123', t: null });
    expect(parseHash('#/clip')).toEqual({ name: 'not-found', path: '/clip' });
  });

  it('builds links that parse back', () => {
    expect(parseHash(clipHref('a_b-c', 12.7))).toEqual({ name: 'clip', id: 'a_b-c', t: 12 });
    expect(parseHash(searchHref('a&b'))).toEqual({ name: 'search', query: 'a&b' });
  });
});

describe('player keys', () => {
  it('maps the YouTube keys', () => {
    expect(playerKeyAction(' ')).toEqual({ kind: 'toggle' });
    expect(playerKeyAction('k')).toEqual({ kind: 'toggle' });
    expect(playerKeyAction('j')).toEqual({ kind: 'seek-by', seconds: -10 });
    expect(playerKeyAction('l')).toEqual({ kind: 'seek-by', seconds: 10 });
    expect(playerKeyAction('ArrowLeft')).toEqual({ kind: 'seek-by', seconds: -5 });
    expect(playerKeyAction('ArrowUp')).toEqual({ kind: 'speed-by', step: 0.25 });
    expect(playerKeyAction('x')).toBeNull();
  });

  it('keeps speed between 1× and 2× in quarter steps', () => {
    expect(clampSpeed(2.25)).toBe(2);
    expect(clampSpeed(0.75)).toBe(1);
    expect(clampSpeed(1.3)).toBe(1.25);
  });

  it('finds the line playing at a time, keeping the last one through a pause', () => {
    const segments = [
      { startMs: 0, endMs: 2000, text: 'a' },
      { startMs: 2000, endMs: 4000, text: 'b' },
      { startMs: 6000, endMs: 8000, text: 'c' },
    ];
    expect(currentSegmentIndex(segments, 0)).toBe(0);
    expect(currentSegmentIndex(segments, 2500)).toBe(1);
    expect(currentSegmentIndex(segments, 5000)).toBe(1);
    expect(currentSegmentIndex(segments, 9000)).toBe(2);
    expect(currentSegmentIndex([{ startMs: 500, endMs: 900, text: 'x' }], 100)).toBe(-1);
    expect(currentSegmentIndex([], 100)).toBe(-1);
  });
});
