// Before recording: can we see the screen, the camera and the mic? macOS answers through systemPreferences;
// on Linux the one thing that reliably fails is x11grab under a Wayland session, which records black.
export type MediaKind = 'screen' | 'camera' | 'microphone';
export type AccessState = 'granted' | 'denied' | 'not-determined' | 'restricted' | 'unknown' | 'unsupported';

export interface PermissionStatus {
  kind: MediaKind;
  state: AccessState;
  remedy?: string;
  /** A fixed system-settings URL the app may open for this kind (never taken from the renderer). */
  settingsUrl?: string;
}

const MAC_SETTINGS: Record<MediaKind, string> = {
  screen: 'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture',
  camera: 'x-apple.systempreferences:com.apple.preference.security?Privacy_Camera',
  microphone: 'x-apple.systempreferences:com.apple.preference.security?Privacy_Microphone',
};

export const SYSTEM_SETTINGS_URLS = new Set(Object.values(MAC_SETTINGS));

export function isWaylandSession(env: NodeJS.ProcessEnv): boolean {
  return env.XDG_SESSION_TYPE === 'wayland' || (Boolean(env.WAYLAND_DISPLAY) && !env.DISPLAY);
}

export function capturePermissions(options: {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  getMediaAccessStatus?: (kind: MediaKind) => string;
}): PermissionStatus[] {
  const kinds: MediaKind[] = ['screen', 'camera', 'microphone'];
  if (options.platform === 'darwin' && options.getMediaAccessStatus) {
    return kinds.map((kind) => {
      const state = options.getMediaAccessStatus!(kind) as AccessState;
      const known: AccessState[] = ['granted', 'denied', 'not-determined', 'restricted'];
      const normalized = known.includes(state) ? state : 'unknown';
      return normalized === 'granted'
        ? { kind, state: normalized }
        : {
            kind,
            state: normalized,
            remedy: `Allow Handoff under System Settings → Privacy & Security → ${kind === 'screen' ? 'Screen Recording' : kind === 'camera' ? 'Camera' : 'Microphone'}, then restart Handoff.`,
            settingsUrl: MAC_SETTINGS[kind],
          };
    });
  }
  if (options.platform === 'linux' && isWaylandSession(options.env)) {
    return [
      {
        kind: 'screen',
        state: 'unsupported',
        remedy:
          'This is a Wayland session: ffmpeg x11grab cannot see the screen here (it records black). Log in to an X11 (Xorg) session to record the screen, or record camera only.',
      },
      { kind: 'camera', state: 'unknown' },
      { kind: 'microphone', state: 'unknown' },
    ];
  }
  return kinds.map((kind) => ({ kind, state: 'unknown' }));
}
