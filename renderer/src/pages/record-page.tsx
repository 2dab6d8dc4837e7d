import { useApi } from '../api/context';
import { EmptyState } from '../components/empty-state';
import { ErrorState } from '../components/error-state';
import { useLoad } from '../components/use-load';
import { useViewer } from '../components/use-viewer';
import { RecordFlow } from '../record/record-flow';

export function RecordPage() {
  const api = useApi();
  const { viewer } = useViewer();
  // Devices come from the doctor report today; `devices:list` replaces it, and a RecorderPort over `recorder:*`
  // replaces `recorder={null}`.
  const { state, reload } = useLoad(async () => {
    const report = await api.app.doctor();
    return {
      screens: report.display.reachable && report.display.name ? [{ id: report.display.name, label: `Screen ${report.display.name}` }] : [],
      cameras: report.cameras.map((c) => ({ id: c, label: c })),
      mics: report.mics.map((m) => ({ id: m, label: m })),
    };
  }, [api]);
  return (
    <section aria-labelledby="page-title" className="record">
      <h1 id="page-title" tabIndex={-1}>
        Record
      </h1>
      {state.status === 'loading' ? <p role="status">Looking for screens, cameras and microphones…</p> : null}
      {state.status === 'error' ? <ErrorState title="Could not list your devices" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.value.screens.length + state.value.cameras.length === 0 ? (
        <EmptyState title="Nothing to record from" testId="record-empty">
          <p>
            No screen or camera was found. Run <code>handoff doctor</code> to see what is missing.
          </p>
        </EmptyState>
      ) : null}
      {state.status === 'ready' && state.value.screens.length + state.value.cameras.length > 0 && viewer ? (
        <RecordFlow devices={state.value} recorder={null} people={[]} viewerTimezone={viewer.timezone} />
      ) : null}
    </section>
  );
}
