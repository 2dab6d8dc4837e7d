import type { Logger } from '../core/logger';

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export const DEFAULT_RECORD_SHORTCUT = 'CommandOrControl+Shift+L';

/**
 * Registers the start/stop shortcut; another app may already own it, which Electron reports only as `false`, so the
 * caller gets that back to tell the user instead of a shortcut that silently does nothing.
 */
export function registerRecordShortcut(
  globalShortcut: GlobalShortcutLike,
  accelerator: string,
  onToggle: () => void,
  logger: Logger,
): { registered: boolean; unregister(): void } {
  let registered = false;
  try {
    registered = globalShortcut.register(accelerator, onToggle);
  } catch (error) {
    logger.warn('invalid shortcut', { accelerator, error });
  }
  if (!registered) logger.warn('could not register the recording shortcut (taken by another app?)', { accelerator });
  return { registered, unregister: () => registered && globalShortcut.unregister(accelerator) };
}
