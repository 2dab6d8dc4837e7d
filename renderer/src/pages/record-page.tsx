import { useState } from 'react';
import { useApi } from '../api/context';
import { hasCall } from '../api/has-call';
import { EmptyState } from '../components/empty-state';
import { ErrorState } from '../components/error-state';
import { useLoad } from '../components/use-load';
import { DevicePickers, type DeviceChoice } from '../record/device-pickers';
import { LevelMeter } from '../record/level-meter';

export function RecordPage() {
  const api = useApi();
  const { state, reload } = useLoad(() => api.app.doctor(), [api]);
  const [choice, setChoice] = useState<DeviceChoice | null>(null);
  const canRecord = hasCall('recorder:start');
  return (
    <section aria-labelledby="page-title" className="record">
      <h1 id="page-title" tabIndex={-1}>
        Record
      </h1>
      {state.status === 'loading' ? <p role="status">Looking for screens, cameras and microphones…</p> : null}
      {state.status === 'error' ? <ErrorState title="Could not list your devices" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' ? (() => {
        const report = state.value;
        const screens = report.display.reachable && report.display.name ? [{ id: report.display.name, label: `Screen ${report.display.name}` }] : [];
        const cameras = report.cameras.map((c) => ({ id: c, label: c }));
        const mics = report.mics.map((m) => ({ id: m, label: m }));
        const value = choice ?? { screen: screens[0]?.id ?? '', camera: '', mic: mics[0]?.id ?? '' };
        if (screens.length + cameras.length === 0) {
          return (
            <EmptyState title="Nothing to record from" testId="record-empty">
              <p>No screen or camera was found. Run <code>handoff doctor</code> to see what is missing.</p>
            </EmptyState>
          );
        }
        return (
          <>
            <DevicePickers screens={screens} cameras={cameras} mics={mics} value={value} onChange={setChoice} />
            <LevelMeter level={0} silent={false} />
            <div className="actions">
              <button type="button" className="primary" disabled={!canRecord} aria-describedby="record-note">
                Start recording
              </button>
              <p id="record-note" className="hint">
                {canRecord ? 'A 3-2-1 countdown runs before the recording starts.' : 'Recording is not available in this build.'}
              </p>
            </div>
          </>
        );
      })() : null}
    </section>
  );
}
