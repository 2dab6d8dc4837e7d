// Browser mode shows core's `app:notify` through the Web Notifications API, once the person allowed it. Inside the
// desktop shell the main process shows them natively, so the page stays quiet there (no doubles).
import { useEffect } from 'react';
import type { HandoffApi } from '../../../shared/bridge';
import { navigate } from './use-route';

export type BrowserNotificationState = 'granted' | 'denied' | 'default' | 'unsupported' | 'desktop';

export function browserNotificationState(): BrowserNotificationState {
  if (window.handoff) return 'desktop';
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

export function useBrowserNotifications(api: HandoffApi): void {
  useEffect(() => {
    if (browserNotificationState() === 'desktop') return undefined;
    return api.on('app:notify', (notice) => {
      if (browserNotificationState() !== 'granted') return;
      // The tag folds the same item shown by two open tabs into one notification.
      const shown = new Notification(notice.title, { body: notice.body, tag: notice.key });
      shown.onclick = () => {
        window.focus();
        navigate(notice.route);
        shown.close();
      };
    });
  }, [api]);
}
