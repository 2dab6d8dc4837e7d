import { useMemo } from 'react';
import { useApi } from '../api/context';
import { ErrorState } from '../components/error-state';
import { useLoad } from '../components/use-load';
import { useViewer } from '../components/use-viewer';
import { RecordFlow } from '../record/record-flow';
import { createRecorderPort } from '../record/recorder-port';

export function RecordPage({ replyTo = null }: { replyTo?: string | null }) {
  const api = useApi();
  const { viewer } = useViewer();
  const recorder = useMemo(() => createRecorderPort(api), [api]);
  const { state, reload } = useLoad(async () => {
    const [devices, { people }] = await Promise.all([api.devices.list(), api.people.list()]);
    // The synthetic source is offered by its own checkbox, not as a device.
    const real = (list: { id: string; name: string }[]) => list.filter((d) => d.id !== 'synthetic').map((d) => ({ id: d.id, label: d.name }));
    return {
      devices: { screens: real(devices.screens), cameras: real(devices.cameras), mics: real(devices.mics) },
      people: people.filter((p) => !p.isMe).map((p) => ({ name: p.name, timezone: p.timezone })),
    };
  }, [api]);
  return (
    <section aria-labelledby="page-title" className="record">
      <h1 id="page-title" tabIndex={-1}>
        {replyTo ? 'Record a video reply' : 'Record'}
      </h1>
      {state.status === 'loading' ? <p role="status">Looking for screens, cameras and microphones…</p> : null}
      {state.status === 'error' ? <ErrorState title="Could not list your devices" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.value.devices.screens.length + state.value.devices.cameras.length === 0 ? (
        <p className="hint" data-testid="record-empty">
          No screen or camera was found on this computer. You can still try the flow with the synthetic source (a test
          picture and tone).
        </p>
      ) : null}
      {state.status === 'ready' && viewer ? (
        <RecordFlow devices={state.value.devices} recorder={recorder} people={state.value.people} viewerTimezone={viewer.timezone} replyTo={replyTo} />
      ) : null}
    </section>
  );
}
