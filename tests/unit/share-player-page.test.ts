import { describe, expect, it } from 'vitest';
import { escapeHtml, formatClock, formatInZone, renderNotice, renderPlayerPage, type PlayerPageModel } from '../../electron/core/share/player-page';

const evil = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`;

function model(overrides: Partial<PlayerPageModel['clip']> = {}): PlayerPageModel {
  return {
    clip: {
      title: evil,
      context: evil,
      ask: evil,
      dueAt: '2026-03-09T15:00:00.000Z',
      urgency: 'urgent',
      authorName: evil,
      authorTimezone: 'Asia/Kolkata',
      recordedAt: '2026-03-06T21:40:00.000Z',
      ...overrides,
    },
    segments: [{ startMs: 61_500, endMs: 63_000, text: evil }],
    urls: { video: '/t/video.mp4', captions: '/t/captions.vtt', thumb: '/t/thumb.jpg', download: null, beacon: '/t/beacon', pageAbsolute: 'http://h/t', thumbAbsolute: 'http://h/t/thumb.jpg' },
    assets: { mode: 'linked', cssHref: '/_/player.css', jsHref: '/_/player.js' },
    viewId: 3,
    startAt: null,
  };
}

describe('player page', () => {
  it('escapes every clip value, in text and in attributes', () => {
    const html = renderPlayerPage(model());
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(escapeHtml(evil));
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('shows times in the sender zone, including half-hour zones, and tolerates a bad zone', () => {
    const html = renderPlayerPage(model());
    expect(html).toContain('Saturday, March 7, 2026 at 3:10 AM (Asia/Kolkata)');
    expect(html).toContain('Monday, March 9, 2026 at 8:30 PM (Asia/Kolkata)');
    expect(formatInZone('2026-03-09T15:00:00.000Z', 'Not/AZone')).toBe('Monday, March 9, 2026 at 3:00 PM (UTC)');
    expect(formatInZone('2026-03-09T15:00:00.000Z', 'Asia/Kathmandu')).toContain('8:45 PM');
  });

  it('plays without script: plain video with a default captions track, transcript links carry ?t=', () => {
    const html = renderPlayerPage(model());
    // Without a known language the track is undetermined rather than claiming English.
    expect(html).toMatch(/<video id="player" src="\/t\/video.mp4" controls[^>]*>\s*<track kind="captions" src="\/t\/captions.vtt" srclang="und" label="Captions" default>/);
    expect(renderPlayerPage(model({ language: 'de' }))).toContain('<track kind="captions" src="/t/captions.vtt" srclang="de" label="Captions (German)" default>');
    expect(renderPlayerPage(model({ language: '"><script>' }))).toContain('srclang="und" label="Captions"');
    expect(html).toContain('<a href="?t=61.500#player" data-start="61.500" data-end="63.000"><span class="ts">1:01</span>');
    expect(html).not.toContain('Download video');
    expect(renderPlayerPage({ ...model(), startAt: 12 })).toContain('src="/t/video.mp4#t=12.000"');
    expect(renderPlayerPage({ ...model(), queryLinks: false })).toContain('<a href="#player" data-start="61.500"');
  });

  it('carries Open Graph and Twitter tags', () => {
    const html = renderPlayerPage(model({ title: 'Plan', ask: 'Approve it', context: null, authorName: 'Ana' }));
    expect(html).toContain('<meta property="og:title" content="Plan">');
    expect(html).toContain('<meta property="og:description" content="Ask: Approve it — A video update from Ana.">');
    expect(html).toContain('<meta property="og:image" content="http://h/t/thumb.jpg">');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
  });

  it('formats clock times', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(61_999)).toBe('1:01');
    expect(formatClock(3_725_000)).toBe('1:02:05');
  });

  it('notice pages hold no clip data and escape the form error', () => {
    const html = renderNotice({ title: 'Password required', message: 'm', assets: model().assets, form: { action: '/t/unlock', error: evil } });
    expect(html).toContain('type="password"');
    expect(html).not.toContain('<script>alert');
  });
});
