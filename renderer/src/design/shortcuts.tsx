// "?" anywhere outside a text field opens the list of keyboard shortcuts; "/" jumps to search.
import { useEffect, useState } from 'react';
import { navigate } from '../components/use-route';
import { Dialog } from './dialog';

const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['?'], what: 'Show this list' },
  { keys: ['/'], what: 'Search' },
  { keys: ['Space', 'k'], what: 'Play or pause (on the player)' },
  { keys: ['j', 'l'], what: 'Back or forward 10 seconds' },
  { keys: ['←', '→'], what: 'Back or forward 5 seconds' },
  { keys: ['↑', '↓'], what: 'Faster or slower' },
  { keys: ['c'], what: 'Captions on or off' },
  { keys: ['m'], what: 'Mute or unmute' },
  { keys: ['Esc'], what: 'Close a dialog or cancel' },
];

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function Shortcuts() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      if (event.key === '?') {
        event.preventDefault();
        setOpen(true);
      } else if (event.key === '/' && !open) {
        event.preventDefault();
        navigate('#/search');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => setOpen(false)} testId="shortcuts">
      <div className="shortcuts">
        <dl>
          {SHORTCUTS.map((s) => (
            <div key={s.what} className="shortcut-row">
              <dt>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' or ' : ''}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{s.what}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => setOpen(false)} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
