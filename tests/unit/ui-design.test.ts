// The design system's pure parts: one clock format by locale, relative times in the viewer's day, typed times, avatar
// initials and colours, and the inbox filters in the URL.
import { describe, expect, it } from 'vitest';
import { avatarColor, initials } from '../../renderer/src/lib/avatar';
import { inboxHref, parseHash } from '../../renderer/src/lib/route';
import { displayLocalTime, formatClock, formatForViewer, formatHourMinute, formatRelative, parseHourMinute, partOfDay, uses12Hour } from '../../renderer/src/lib/time';

const at = '2026-11-26T16:30:00Z';

describe('times follow the locale', () => {
  it('writes 24-hour times for en-GB and 12-hour for en-US, in every helper', () => {
    expect(uses12Hour('en-GB')).toBe(false);
    expect(uses12Hour('en-US')).toBe(true);
    expect(formatClock(at, 'Europe/Berlin', 'en-GB')).toBe('17:30');
    expect(formatClock(at, 'Europe/Berlin', 'en-US')).toMatch(/^5:30\s?PM$/);
    expect(formatHourMinute('09:05', 'en-GB')).toBe('09:05');
    expect(formatHourMinute('21:05', 'en-US')).toMatch(/^9:05\s?PM$/);
    expect(displayLocalTime('2026-11-26T17:30:00+01:00', 'en-US')).toMatch(/^5:30\s?PM$/);
  });

  it('says how far away a time is, and which part of my day it falls in', () => {
    const now = new Date('2026-11-26T13:00:00Z');
    expect(formatRelative('2026-11-27T01:00:00Z', now)).toBe('in 12 h');
    expect(formatRelative('2026-11-26T12:40:00Z', now)).toBe('20 min ago');
    expect(formatRelative('2026-11-29T13:00:00Z', now)).toBe('in 3 d');
    expect(partOfDay('2026-11-26T23:00:00Z', 'Europe/Berlin')).toBe('night');
    expect(formatForViewer('2026-11-27T01:00:00Z', now, 'Europe/Berlin')).toBe('in 12 h, your night');
    expect(formatForViewer('2026-11-27T01:00:00Z', now, 'Asia/Tokyo')).toBe('in 12 h, your morning');
  });

  it('reads a typed time either way', () => {
    expect(parseHourMinute('8:30')).toBe('08:30');
    expect(parseHourMinute('17.45')).toBe('17:45');
    expect(parseHourMinute('5:30 PM')).toBe('17:30');
    expect(parseHourMinute('12 am')).toBe('00:00');
    expect(parseHourMinute('25:00')).toBeNull();
    expect(parseHourMinute('9')).toBeNull();
    expect(parseHourMinute('13 pm')).toBeNull();
  });
});

describe('avatars', () => {
  it('uses first and last initials and one stable colour per name', () => {
    expect(initials('Taro Sato')).toBe('TS');
    expect(initials('Priya')).toBe('P');
    expect(initials('  ')).toBe('?');
    expect(avatarColor('Taro Sato')).toBe(avatarColor('Taro Sato'));
    const colours = new Set(['Taro Sato', 'Sam Rivera', 'Priya Nair', 'Dana Weber', 'Bea', 'Kenji'].map(avatarColor));
    expect(colours.size).toBeGreaterThan(2);
  });
});

describe('inbox filters in the URL', () => {
  it('round-trips person and urgency, and leaves a plain inbox plain', () => {
    expect(parseHash(inboxHref({ person: 'Taro Sato', urgency: 'urgent' }))).toEqual({ name: 'inbox', person: 'Taro Sato', urgency: 'urgent' });
    expect(inboxHref({ person: '', urgency: '' })).toBe('#/inbox');
    expect(parseHash('#/inbox')).toEqual({ name: 'inbox' });
  });
});

describe('messages in the app’s words', () => {
  it('turns the core’s command-line hints into places in the app', async () => {
    const { inUiWords } = await import('../../renderer/src/lib/ui-words');
    expect(inUiWords('Model base.en is not installed: download it with `handoff models download base.en`.')).toBe(
      'Model base.en is not installed: download it in Settings → Transcription models.',
    );
    expect(inUiWords('ffmpeg was not found; run `handoff doctor` for how to install it.')).toBe('ffmpeg was not found; reinstalling Handoff puts it back.');
    expect(inUiWords('switch back with `handoff workspace use-s3` to revoke it.')).toBe('choose the S3 bucket in Settings → Workspace to revoke it.');
    expect(inUiWords('A --lasting link is published to a bucket')).toBe('A lasting link is published to a bucket');
    expect(inUiWords('Nothing to change here.')).toBe('Nothing to change here.');
  });
});
