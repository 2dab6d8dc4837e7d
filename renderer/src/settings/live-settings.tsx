// "While you record" (settings 'transcription.live', 'workspace.publishWhileRecording', 'workspace.autoPublish'): the
// live pipeline's switches, each with what it does and what it needs here, so nobody wonders why one did nothing.
import { useId } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { useApi } from '../api/context';
import { useLoad } from '../components/use-load';
import { SaveRow } from './save-row';
import { useSettingsForm } from './use-settings-form';

type Values = Pick<Settings, 'transcription.live' | 'workspace.publishWhileRecording' | 'workspace.autoPublish'>;

function pick(settings: Settings): Values {
  return {
    'transcription.live': settings['transcription.live'],
    'workspace.publishWhileRecording': settings['workspace.publishWhileRecording'],
    'workspace.autoPublish': settings['workspace.autoPublish'],
  };
}

/** What live transcription runs on with the engine chosen now, and what it still needs. */
function recognizerNote(settings: Settings, installedModel: string | null | undefined): string {
  if (settings['transcription.engine'] === 'pocketsphinx-reference') return 'It runs on the pocketsphinx reference recognizer (English only).';
  if (installedModel === undefined) return 'It runs on Whisper.';
  if (installedModel === null) return 'It needs a Whisper model, and none is installed yet: download one under Transcription models.';
  return `It runs on Whisper (${installedModel}), kept loaded by whisper-server where it is installed, else whisper-cli per pause.`;
}

export function LiveSettings({ settings }: { settings: Settings }) {
  const api = useApi();
  const id = useId();
  const { values, set, status, save } = useSettingsForm(settings, pick);
  const models = useLoad(() => api.models.list({}), [api]);
  const workspace = useLoad(() => api.workspace.get(), [api]);
  const installed = models.state.status === 'ready' ? (models.state.value.models.find((m) => m.isDefault && m.installed) ?? models.state.value.models.find((m) => m.installed))?.name ?? null : undefined;
  const place = workspace.state.status === 'ready' ? workspace.state.value : null;

  return (
    <section className="settings-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>While you record</h2>
      <form onSubmit={save}>
        <label className="check">
          <input type="checkbox" checked={values['transcription.live']} aria-describedby={`${id}-live`} onChange={(e) => set('transcription.live', e.target.checked)} /> Transcribe
          while recording
        </label>
        <p className="hint" id={`${id}-live`} data-testid="live-transcription-note">
          The transcript is ready when you stop, instead of a minute later. {recognizerNote(settings, installed)} If this computer cannot keep
          up, the recording goes on and it is transcribed after you stop; you are told when that happens.
        </p>
        <label className="check">
          <input
            type="checkbox"
            checked={values['workspace.publishWhileRecording']}
            aria-describedby={`${id}-publish`}
            onChange={(e) => set('workspace.publishWhileRecording', e.target.checked)}
          />{' '}
          Publish while recording
        </label>
        <p className="hint" id={`${id}-publish`} data-testid="live-publish-note">
          Uploads the video to the workspace as you talk, so teammates can watch right after you stop. It needs a workspace
          {place ? ` (now: ${place.kind === 's3' ? 'an S3 bucket, uploaded in parts' : 'a folder, written as it grows under a temporary name'})` : ''} and a
          recording that is published when you stop: auto-publish below, or “publish when I stop” (<code>handoff record --publish</code>).
          Otherwise nothing leaves this computer until you press Publish.
        </p>
        <label className="check">
          <input type="checkbox" checked={values['workspace.autoPublish']} aria-describedby={`${id}-auto`} onChange={(e) => set('workspace.autoPublish', e.target.checked)} />{' '}
          Auto-publish every recording when I stop
        </label>
        <p className="hint" id={`${id}-auto`}>
          Each new recording goes to the workspace as soon as it stops, without waiting for you to press Publish.
        </p>
        <SaveRow label="Save recording pipeline" status={status} />
      </form>
    </section>
  );
}
