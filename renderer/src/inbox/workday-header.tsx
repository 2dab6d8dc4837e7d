import type { Workday } from '../lib/inbox-model';
import { formatWorkday } from '../lib/time';

const STATE_LABEL = { 'in-progress': 'In progress', 'not-started': 'Not started', over: 'Over', weekend: 'Day off' } as const;
const ORDER = ['in-progress', 'not-started', 'over', 'weekend'] as const;

function city(timezone: string): string {
  return timezone.split('/').pop()?.replace(/_/g, ' ') ?? timezone;
}

/** One line: the date, how many updates, and the team's zones grouped by where that day stands ("Over: Tokyo, Delhi"). */
export function WorkdayHeader({ workday, count }: { workday: Workday; count: number }) {
  const groups = ORDER.map((state) => ({ state, zones: workday.timezones.filter((z) => z.state === state).map((z) => city(z.timezone)) })).filter(
    (g) => g.zones.length > 0,
  );
  return (
    <div className="workday-header" data-testid="workday-header" data-date={workday.date}>
      <h3>
        {formatWorkday(workday.date)} <span className="hint">· {count === 1 ? '1 update' : `${count} updates`}</span>
      </h3>
      <ul className="zone-states" aria-label="Where this workday stands">
        {groups.map((g) => (
          <li key={g.state} className={`zone-${g.state}`} title={g.zones.join(', ')}>
            <strong>{STATE_LABEL[g.state]}:</strong> {g.zones.join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
