import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, parseDeepLink, routeFor } from '../../electron/main/deep-link';
import { arrivalNotices, deadlineNotices, type NotifiableClip } from '../../shared/notifications';
import { capturePermissions } from '../../electron/main/permissions';
import { recordingWindowOptions } from '../../electron/main/recording-windows';
import { registerRecordShortcut } from '../../electron/main/shortcut';
import { trayMenu } from '../../electron/main/tray';
import { createMemoryLogger } from '../../electron/core/logger';
import { appEvents } from '../../shared/contract/app';
import { normalizeShellRoute } from '../../shared/shell-route';

describe('deep links', () => {
  it('opens handoff://clip/<id>, with an optional time', () => {
    expect(parseDeepLink('handoff://clip/Abc123_-xyz')).toEqual({ kind: 'clip', id: 'Abc123_-xyz', atSeconds: null });
    expect(routeFor(parseDeepLink('handoff://clip/Abc123_-xyz?t=42')!)).toBe('#/clip/Abc123_-xyz?t=42');
    expect(routeFor(parseDeepLink('handoff://clip/Abc123_-xyz?t=5.25')!)).toBe('#/clip/Abc123_-xyz?t=5.25');
    expect(deepLinkFromArgv(['/usr/bin/handoff', '--flag', 'handoff://clip/Abc123_-xyz'])).toMatchObject({ id: 'Abc123_-xyz' });
  });
  it.each(['https://clip/Abc123', 'not a url', '', 'file:///etc/passwd'])('is not a handoff link: %s', (url) => expect(parseDeepLink(url)).toBeNull());
  it.each(['handoff://clip/../etc', 'handoff://settings/x', 'handoff://clip/a', 'handoff://clip/Abc123_-xyz/extra', 'handoff://', 'handoff:%'])(
    'opens the inbox for an unknown handoff link: %s',
    (url) => expect(routeFor(parseDeepLink(url)!)).toBe('#/inbox'),
  );
  // Each of these once produced a route that failed the app:navigate schema (1e21 prints as "1e+21"), which made the
  // first launch exit with code 1 and the open-url / second-instance handlers throw.
  it.each([
    ['handoff://clip/Abc123_-xyz?t=1e21', '#/clip/Abc123_-xyz'],
    ['handoff://clip/Abc123_-xyz?t=-5', '#/clip/Abc123_-xyz'],
    ['handoff://clip/Abc123_-xyz?t=NaN', '#/clip/Abc123_-xyz'],
    ['handoff://clip/Abc123_-xyz?t=Infinity', '#/clip/Abc123_-xyz'],
    ['handoff://clip/Abc123_-xyz?t=0.1234567', '#/clip/Abc123_-xyz?t=0.123'],
    ['handoff://clip/Abc123_-xyz?t=86401', '#/clip/Abc123_-xyz'],
    ['handoff://clip/Abc123_-xyz?t=1e-9', '#/clip/Abc123_-xyz'],
  ])('keeps %s within the navigate schema', (url, route) => {
    const target = routeFor(parseDeepLink(url)!);
    expect(target).toBe(route);
    expect(appEvents['app:navigate'].safeParse({ route: target }).success).toBe(true);
  });
  it('never throws on hostile argv', () => {
    expect(deepLinkFromArgv(undefined)).toBeNull();
    expect(deepLinkFromArgv([42, null, 'handoff://clip/Abc123_-xyz?t=9'])).toMatchObject({ id: 'Abc123_-xyz', atSeconds: 9 });
    expect(parseDeepLink('handoff://clip/' + 'x'.repeat(10_000))).toBeNull();
  });
});

describe('shell routes', () => {
  it.each([
    ['#/inbox', '#/inbox'],
    ['#/settings', '#/settings'],
    ['#/clip/Abc123_-xyz?t=5', '#/clip/Abc123_-xyz?t=5'],
    ['#/clip/Abc123_-xyz?t=1e+21', '#/clip/Abc123_-xyz'],
    ['#/nowhere', '#/inbox'],
    ['#/settings/../../x', '#/inbox'],
    ['javascript:alert(1)', '#/inbox'],
    [42, '#/inbox'],
  ])('%s → %s', (route, expected) => {
    expect(normalizeShellRoute(route)).toBe(expected);
    expect(appEvents['app:navigate'].safeParse({ route: expected }).success).toBe(true);
  });
});

describe('capture permissions', () => {
  it('points a denied macOS permission at the right system setting', () => {
    const statuses = capturePermissions({ platform: 'darwin', env: {}, getMediaAccessStatus: (kind) => (kind === 'screen' ? 'denied' : 'granted') });
    expect(statuses[0]).toMatchObject({ kind: 'screen', state: 'denied', settingsUrl: expect.stringContaining('Privacy_ScreenCapture') });
    expect(statuses[1]).toEqual({ kind: 'camera', state: 'granted' });
  });
  it('says that x11grab cannot see a Wayland screen', () => {
    const [screen] = capturePermissions({ platform: 'linux', env: { XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0' } });
    expect(screen).toMatchObject({ state: 'unsupported', remedy: expect.stringMatching(/Wayland.*X11/s) });
    expect(capturePermissions({ platform: 'linux', env: { DISPLAY: ':0' } })[0].state).toBe('unknown');
  });
});

describe('notifications', () => {
  const clip = (over: Partial<NotifiableClip>): NotifiableClip => ({
    id: 'c1', title: 'Release plan', author: 'Kenji', authorId: 'kenji', dueAt: null, ask: null, repliedByMe: false, ...over,
  });
  it('announces teammates’ updates, not my own', () => {
    const notices = arrivalNotices([clip({}), clip({ id: 'c2', authorId: 'me' })], 'me');
    expect(notices).toHaveLength(1);
    expect(notices[0].title).toBe('New update from Kenji');
  });
  it('warns once about a deadline within the lead time, in my timezone', () => {
    const now = new Date('2026-03-27T08:00:00Z');
    const clips = [
      clip({ id: 'soon', dueAt: '2026-03-27T09:30:00Z', ask: 'Approve?' }),
      clip({ id: 'later', dueAt: '2026-03-28T09:30:00Z' }),
      clip({ id: 'past', dueAt: '2026-03-27T07:00:00Z' }),
      clip({ id: 'answered', dueAt: '2026-03-27T09:00:00Z', repliedByMe: true }),
    ];
    const notices = deadlineNotices(clips, { now, leadMs: 2 * 3600_000, viewerTimeZone: 'Asia/Tokyo', alreadyShown: new Set() });
    expect(notices.map((n) => n.clipId)).toEqual(['soon']);
    expect(notices[0].title).toContain('18:30');
    expect(deadlineNotices(clips, { now, leadMs: 2 * 3600_000, viewerTimeZone: 'UTC', alreadyShown: new Set(['deadline:soon']) })).toEqual([]);
  });
});

describe('tray, shortcut and recording windows', () => {
  it('builds the tray menu from state', () => {
    const calls: string[] = [];
    const actions = { toggleRecording: () => calls.push('toggle'), openInbox: () => calls.push('inbox'), openClip: (id: string) => calls.push(id), quit: () => calls.push('quit') };
    const menu = trayMenu({ recording: true, recent: [{ id: 'c1', title: 'Standup' }], shortcut: 'Ctrl+Shift+L' }, actions);
    expect(menu[0]).toMatchObject({ label: 'Stop recording', accelerator: 'Ctrl+Shift+L' });
    menu[2].submenu![0].click!();
    expect(calls).toEqual(['c1']);
    expect(trayMenu({ recording: false, recent: [], shortcut: null }, actions)[2].submenu![0]).toMatchObject({ enabled: false });
  });
  it('reports a shortcut another app owns instead of failing silently', () => {
    const logger = createMemoryLogger();
    const taken = registerRecordShortcut({ register: () => false, unregister: () => undefined }, 'Ctrl+Shift+L', () => undefined, logger);
    expect(taken.registered).toBe(false);
    expect(logger.lines.join('\n')).toMatch(/could not register/);
  });
  it('keeps the HUD on top, small and sandboxed; the region overlay covers its display', () => {
    const workArea = { x: 1920, y: 0, width: 1920, height: 1080 };
    const hud = recordingWindowOptions('hud', workArea, '/p.cjs');
    expect(hud).toMatchObject({ alwaysOnTop: true, frame: false, width: 340, webPreferences: { sandbox: true, contextIsolation: true } });
    expect(hud.x).toBeGreaterThanOrEqual(1920);
    expect(recordingWindowOptions('region', workArea, '/p.cjs')).toMatchObject({ ...workArea, transparent: true });
  });
});
