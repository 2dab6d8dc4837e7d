import type { Teammate } from '../lib/inbox-model';
import { teammateStatus } from '../lib/time';
import { availability } from '../norms/availability';
import { Avatar } from '../design/avatar';

export function TeammateStrip({ teammates, me, now }: { teammates: Teammate[]; me: { timezone: string; workingHours: string | null }; now: Date }) {
  if (teammates.length === 0) return null;
  return (
    <section aria-labelledby="teammates-title" className="teammates">
      <h2 id="teammates-title" className="visually-hidden">
        Teammates now
      </h2>
      <ul>
        {teammates.map((person) => {
          const status = teammateStatus(person, me, now);
          // Their calendar knows their days off too: on their weekend they are off, and back on their next workday.
          const away = availability(person, me.timezone, now);
          const inHours = away ? away.working : status.inHours;
          const hours = inHours === null ? 'hours unknown' : inHours ? 'working now' : (away?.back ?? 'off hours');
          return (
            <li key={person.name} className={`teammate ${inHours ? 'in-hours' : 'off-hours'}`} data-testid="teammate">
              <Avatar name={person.name} size="lg" />
              <span className="teammate-name">{person.name}</span>
              <span>
                {status.localTime} · {hours}
              </span>
              <span className="hint">
                {away?.dayOff ? 'day off' : status.overlap ? `overlap ${status.overlap.start}–${status.overlap.end} your time` : person.workingHours ? 'no overlap today' : person.timezone}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
