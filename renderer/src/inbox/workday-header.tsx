import type { Workday } from '../lib/inbox-model';
import { formatWorkday } from '../lib/time';

const STATE_LABEL = { over: 'day over', 'in-progress': 'in progress', 'not-started': 'not started', weekend: 'day off' } as const;

export function WorkdayHeader({ workday, count }: { workday: Workday; count: number }) {
  return (
    <div className="workday-header" data-testid="workday-header" data-date={workday.date}>
      <h3>
        {formatWorkday(workday.date)} <span className="hint">· {count === 1 ? '1 update' : `${count} updates`}</span>
      </h3>
      <ul className="zone-states" aria-label="Where this workday stands">
        {workday.timezones.map((zone) => (
          <li key={zone.timezone} className={`zone-${zone.state}`}>
            {zone.timezone.split('/').pop()?.replace(/_/g, ' ')}: {STATE_LABEL[zone.state]}
          </li>
        ))}
      </ul>
    </div>
  );
}
