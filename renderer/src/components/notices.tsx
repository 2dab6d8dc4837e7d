import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecorderWarningKind } from '../../../shared/contract/recorder';
import { useApi } from '../api/context';

interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

const SHOW_MS = 8000;

/**
 * The recorder's warnings that outlive the moment, as the app says them when the Record page is not open (a recording
 * started from the tray, the HUD or a shortcut): a fallback of the live pipeline, a link that could not be finished, a
 * recording cut short. The transient ones (a silent mic, falling behind) are the HUD's. Errors stay until dismissed.
 */
const RECORDER_WARNING_LEVEL: Partial<Record<RecorderWarningKind, Notice['level']>> = {
  'live-transcription-fallback': 'warning',
  'live-publish-fallback': 'warning',
  'share-link-failed': 'error',
  'ffmpeg-died': 'error',
  'disk-full': 'error',
};

/**
 * Toasts for `app:notice`, and for the recorder's lasting warnings while `recorderWarnings` (the Record page lists
 * them itself): errors are announced assertively and stay until dismissed.
 */
export function Notices({ recorderWarnings = false }: { recorderWarnings?: boolean }) {
  const api = useApi();
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(0);
  const show = useCallback((level: Notice['level'], message: string) => {
    const notice = { id: ++nextId.current, level, message };
    setNotices((list) => [...list.slice(-4), notice]);
    if (level !== 'error') setTimeout(() => setNotices((list) => list.filter((n) => n.id !== notice.id)), SHOW_MS);
  }, []);
  useEffect(() => api.on('app:notice', (payload) => show(payload.level, payload.message)), [api, show]);
  useEffect(() => {
    if (!recorderWarnings) return;
    // Said once per recording and kind, however often the core repeats it.
    const said = new Set<string>();
    return api.on('recorder:warning', (warning) => {
      const level = RECORDER_WARNING_LEVEL[warning.kind];
      const key = `${warning.id}/${warning.kind}`;
      if (!level || said.has(key)) return;
      said.add(key);
      show(level, warning.message);
    });
  }, [api, show, recorderWarnings]);
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));
  return (
    <div className="notices">
      <div role="status" aria-live="polite">
        {notices.filter((n) => n.level !== 'error').map((n) => (
          <NoticeItem key={n.id} notice={n} onDismiss={dismiss} />
        ))}
      </div>
      <div role="alert">
        {notices.filter((n) => n.level === 'error').map((n) => (
          <NoticeItem key={n.id} notice={n} onDismiss={dismiss} />
        ))}
      </div>
    </div>
  );
}

function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  return (
    <div className={`notice notice-${notice.level}`} data-testid="notice">
      <span>{notice.message}</span>
      <button type="button" aria-label="Dismiss notice" onClick={() => onDismiss(notice.id)}>
        ×
      </button>
    </div>
  );
}
