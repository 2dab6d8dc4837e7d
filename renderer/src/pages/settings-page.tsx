import { useSettings } from '../api/context';
import { ErrorState } from '../components/error-state';
import { ProfileForm } from '../settings/profile-form';
import { NormsSettings } from '../norms/norms-settings';
import { AppSettings } from '../settings/app-settings';
import { RecordingSettings } from '../settings/recording-settings';
import { LiveSettings } from '../settings/live-settings';
import { ModelsSettings } from '../settings/models-settings';
import { WorkspaceSettings } from '../settings/workspace-settings';
import { NotificationSettings } from '../settings/notification-settings';

export function SettingsPage() {
  const { settings, error } = useSettings();
  return (
    <section aria-labelledby="page-title" className="settings">
      <h1 id="page-title" tabIndex={-1}>
        Settings
      </h1>
      {error ? <ErrorState title="Could not load your settings" message={error} onRetry={() => window.location.reload()} /> : null}
      {!error && !settings ? <p role="status">Loading settings…</p> : null}
      {settings ? (
        <div className="settings-grid">
          <ProfileForm settings={settings} />
          <NormsSettings settings={settings} />
          <WorkspaceSettings />
          <ModelsSettings />
          <RecordingSettings settings={settings} />
          <LiveSettings settings={settings} />
          <NotificationSettings settings={settings} />
          <AppSettings settings={settings} />
        </div>
      ) : null}
    </section>
  );
}
