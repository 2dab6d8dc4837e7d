import { DateTime } from 'luxon';
import type { CallOutput } from '../../../shared/contract';

type Window = CallOutput<'overlap:plan'>['windows'][number];

/** "Tue 1 Dec 16:00" in the offset the ISO text carries. */
const when = (iso: string) => DateTime.fromISO(iso, { setZone: true, locale: 'en-US' }).toFormat('ccc d LLL HH:mm');
const hm = (iso: string) => iso.slice(11, 16);

export function OverlapWindows({ windows }: { windows: Window[] }) {
  return (
    <ol className="overlap-windows" data-testid="overlap-windows">
      {windows.map((w) => (
        <li key={w.start} data-testid="overlap-window">
          <strong>
            {when(w.start)}–{hm(w.end)}
          </strong>{' '}
          your time · {w.minutes} min{w.missing.length ? ` · without ${w.missing.join(', ')}` : ''}
          <ul className="hint">
            {w.local.map((l) => (
              <li key={l.name}>
                {l.name}: {when(l.start)}–{hm(l.end)} ({l.timezone})
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
