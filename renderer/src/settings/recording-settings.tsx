// Recording defaults (settings 'recording.*'): frame rate, resolution cap, quality and the camera bubble. The Record
// page and `handoff record` start from these; a flag or a choice made for one recording still wins.
import { useId } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { SaveRow } from './save-row';
import { useSettingsForm } from './use-settings-form';

type Values = Pick<Settings, 'recording.fps' | 'recording.maxHeight' | 'recording.quality' | 'recording.bubbleCorner' | 'recording.bubbleSize'>;

const FPS = [15, 24, 30, 60];
const HEIGHTS = [720, 1080, 1440, 2160];
const QUALITIES: Values['recording.quality'][] = ['low', 'standard', 'high'];
const CORNERS: Values['recording.bubbleCorner'][] = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
const SIZES = [
  { value: 0.18, label: 'Small' },
  { value: 0.25, label: 'Medium' },
  { value: 0.35, label: 'Large' },
];

function pick(settings: Settings): Values {
  return {
    'recording.fps': settings['recording.fps'],
    'recording.maxHeight': settings['recording.maxHeight'],
    'recording.quality': settings['recording.quality'],
    'recording.bubbleCorner': settings['recording.bubbleCorner'],
    'recording.bubbleSize': settings['recording.bubbleSize'],
  };
}

export function RecordingSettings({ settings }: { settings: Settings }) {
  const id = useId();
  const { values, set, status, save } = useSettingsForm(settings, pick);

  return (
    <section className="settings-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Recording defaults</h2>
      <form onSubmit={save}>
        <div className="field">
          <label htmlFor={`${id}-fps`}>Frame rate</label>
          <select id={`${id}-fps`} value={values['recording.fps']} onChange={(e) => set('recording.fps', Number(e.target.value))}>
            {FPS.map((fps) => (
              <option key={fps} value={fps}>
                {fps} fps
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-h`}>Resolution cap</label>
          <select id={`${id}-h`} value={values['recording.maxHeight']} onChange={(e) => set('recording.maxHeight', Number(e.target.value))}>
            {HEIGHTS.map((h) => (
              <option key={h} value={h}>
                {h}p
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-q`}>Quality</label>
          <select id={`${id}-q`} value={values['recording.quality']} onChange={(e) => set('recording.quality', e.target.value as Values['recording.quality'])}>
            {QUALITIES.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-c`}>Camera bubble corner</label>
          <select id={`${id}-c`} value={values['recording.bubbleCorner']} onChange={(e) => set('recording.bubbleCorner', e.target.value as Values['recording.bubbleCorner'])}>
            {CORNERS.map((c) => (
              <option key={c} value={c}>
                {c.replace('-', ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>Camera bubble size</label>
          <select id={`${id}-s`} value={values['recording.bubbleSize']} onChange={(e) => set('recording.bubbleSize', Number(e.target.value))}>
            {SIZES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <SaveRow label="Save recording defaults" status={status} />
      </form>
    </section>
  );
}
