import { useId } from 'react';
import type { DeviceChoice } from './record-options';

export interface DeviceOption {
  id: string;
  label: string;
}

export type { DeviceChoice } from './record-options';

interface Props {
  screens: DeviceOption[];
  cameras: DeviceOption[];
  mics: DeviceOption[];
  value: DeviceChoice;
  onChange: (value: DeviceChoice) => void;
  disabled?: boolean;
}

export function DevicePickers({ screens, cameras, mics, value, onChange, disabled }: Props) {
  return (
    <fieldset className="device-pickers" disabled={disabled}>
      <legend>What to record</legend>
      <label className="check">
        <input type="checkbox" checked={value.synthetic} onChange={(e) => onChange({ ...value, synthetic: e.target.checked })} />
        Use synthetic source (demo)
      </label>
      <fieldset className="device-pickers-inner" disabled={value.synthetic}>
      <Picker label="Screen" value={value.screen} none="No screen (camera only)" options={screens} onChange={(screen) => onChange({ ...value, screen })} />
      <Picker label="Camera" value={value.camera} none="No camera" options={cameras} onChange={(camera) => onChange({ ...value, camera })} />
      <Picker label="Microphone" value={value.mic} none="No microphone" options={mics} onChange={(mic) => onChange({ ...value, mic })} />
      </fieldset>
    </fieldset>
  );
}

function Picker({ label, value, none, options, onChange }: { label: string; value: string; none: string; options: DeviceOption[]; onChange: (id: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
