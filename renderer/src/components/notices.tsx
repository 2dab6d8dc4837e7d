import { useEffect, useState } from 'react';
import { useApi } from '../api/context';

interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

const SHOW_MS = 8000;

/** Toasts for `app:notice`: errors are announced assertively and stay until dismissed. */
export function Notices() {
  const api = useApi();
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    let next = 0;
    return api.on('app:notice', (payload) => {
      const notice = { id: ++next, ...payload };
      setNotices((list) => [...list.slice(-4), notice]);
      if (notice.level !== 'error') {
        setTimeout(() => setNotices((list) => list.filter((n) => n.id !== notice.id)), SHOW_MS);
      }
    });
  }, [api]);
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
