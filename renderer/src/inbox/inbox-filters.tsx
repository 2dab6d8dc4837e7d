import { useId } from 'react';
import type { InboxFilters, Urgency } from '../lib/inbox-model';

export function InboxFilterBar({ people, filters, onChange }: { people: string[]; filters: InboxFilters; onChange: (f: InboxFilters) => void }) {
  const id = useId();
  return (
    <div className="filters" role="group" aria-label="Filter updates">
      <label htmlFor={`${id}-person`}>Person</label>
      <select id={`${id}-person`} value={filters.person} onChange={(e) => onChange({ ...filters, person: e.target.value })}>
          <option value="">Everyone</option>
          {people.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
      </select>
      <label htmlFor={`${id}-urgency`}>Urgency</label>
      <select id={`${id}-urgency`} value={filters.urgency} onChange={(e) => onChange({ ...filters, urgency: e.target.value as Urgency | '' })}>
          <option value="">Any</option>
          <option value="urgent">Urgent</option>
          <option value="reply-needed">Reply needed</option>
          <option value="fyi">FYI</option>
      </select>
    </div>
  );
}
