// The tray menu as a pure function of state, so its contents are tested without a tray.
export interface TrayState {
  recording: boolean;
  recent: { id: string; title: string }[];
  shortcut: string | null;
}

export interface TrayActions {
  toggleRecording(): void;
  openInbox(): void;
  openClip(id: string): void;
  quit(): void;
}

export interface MenuItem {
  label?: string;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

/** `extra` items (e.g. cli-shim.ts's "Install 'handoff' command in PATH") go above Quit. */
export function trayMenu(state: TrayState, actions: TrayActions, extra: MenuItem[] = []): MenuItem[] {
  const recent: MenuItem[] = state.recent.length
    ? state.recent.slice(0, 8).map((clip) => ({ label: clip.title || 'Untitled update', click: () => actions.openClip(clip.id) }))
    : [{ label: 'No clips yet', enabled: false }];
  return [
    {
      label: state.recording ? 'Stop recording' : 'Start recording',
      accelerator: state.shortcut ?? undefined,
      click: actions.toggleRecording,
    },
    { type: 'separator' },
    { label: 'Recent clips', submenu: recent },
    { label: 'Open inbox', click: actions.openInbox },
    ...extra,
    { type: 'separator' },
    { label: 'Quit Handoff', click: actions.quit },
  ];
}
