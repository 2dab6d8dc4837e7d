// The overlap planner: when the chosen people are all (or at least K of them) within working hours on their workdays
// in the next days, each window in my time and in everyone's local time, the best one first.
import { useState } from 'react';
import { useApi } from '../api/context';
import { EmptyState } from '../components/empty-state';
import { ErrorState } from '../components/error-state';
import { useLoad } from '../components/use-load';
import { OverlapWindows } from '../norms/overlap-windows';

export function OverlapPage() {
  const api = useApi();
  const people = useLoad(() => api.people.list({}), [api]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [days, setDays] = useState(7);
  const [minPeople, setMinPeople] = useState<number | ''>('');
  const names = people.state.status === 'ready' ? people.state.value.people.map((p) => p.name) : [];
  const selected = chosen ?? names;
  const plan = useLoad(
    () => (selected.length ? api.overlap.plan({ people: selected, days, minPeople: minPeople === '' ? undefined : minPeople }) : Promise.resolve(null)),
    [api, selected.join('\u0000'), days, minPeople],
  );
  const toggle = (name: string) => setChosen(selected.includes(name) ? selected.filter((n) => n !== name) : [...selected, name]);

  return (
    <section aria-labelledby="page-title" className="overlap">
      <h1 id="page-title" tabIndex={-1}>
        Overlap
      </h1>
      {people.state.status === 'error' ? <ErrorState title="Could not load the team" message={people.state.message} onRetry={people.reload} /> : null}
      <fieldset>
        <legend>Who</legend>
        {names.map((name) => (
          <label key={name} className="inline-label">
            <input type="checkbox" checked={selected.includes(name)} onChange={() => toggle(name)} /> {name}
          </label>
        ))}
      </fieldset>
      <label className="inline-label">
        Days ahead{' '}
        <input type="number" min={1} max={31} value={days} onChange={(e) => setDays(Math.min(31, Math.max(1, Number(e.target.value) || 1)))} />
      </label>
      <label className="inline-label">
        At least{' '}
        <input
          type="number"
          min={1}
          max={Math.max(1, selected.length)}
          placeholder="all"
          value={minPeople}
          onChange={(e) => setMinPeople(e.target.value === '' ? '' : Math.max(1, Number(e.target.value)))}
        />{' '}
        people
      </label>
      {plan.state.status === 'loading' ? <p role="status">Finding overlaps…</p> : null}
      {plan.state.status === 'error' ? <ErrorState title="Could not plan" message={plan.state.message} onRetry={plan.reload} /> : null}
      {plan.state.status === 'ready' && plan.state.value ? (
        plan.state.value.windows.length ? (
          <OverlapWindows windows={plan.state.value.windows} />
        ) : plan.state.value.partial ? (
          <>
            <p data-testid="overlap-none">No time when {plan.state.value.required === selected.length ? 'all of them' : `${plan.state.value.required} of them`} are working. The nearest partial window:</p>
            <OverlapWindows windows={[plan.state.value.partial]} />
          </>
        ) : (
          <EmptyState title="Nobody is working in these days" testId="overlap-empty">
            <p>Check the people's working hours and workdays in Settings.</p>
          </EmptyState>
        )
      ) : null}
    </section>
  );
}
