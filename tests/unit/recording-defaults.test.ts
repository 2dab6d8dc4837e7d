import { describe, expect, it } from 'vitest';
import { recordInput } from '../../electron/cli/commands/record';
import { recordOptionsFor } from '../../renderer/src/record/record-options';
import { recordRequest } from '../../shared/contract/recorder';
import { settingsShape } from '../../shared/contract/settings';
import { applyRecordingSettings, recordingDefaults } from '../../shared/recording-defaults';

const saved = settingsShape.parse({
  'recording.fps': 24,
  'recording.maxHeight': 720,
  'recording.quality': 'high',
  'recording.bubbleCorner': 'top-left',
  'recording.bubbleSize': 0.35,
  'recording.camera': '/dev/video2',
  'recording.mic': 'vmic',
  'recording.display': ':99',
});

describe('recording defaults', () => {
  it('default to 30 fps, 1080p, standard quality, a medium bubble bottom right, the default screen and mic, no camera', () => {
    expect(recordingDefaults(settingsShape.parse({}))).toEqual({
      display: null, camera: null, mic: 'default', fps: 30, maxHeight: 1080, quality: 'standard', bubbleCorner: 'bottom-right', bubbleSize: 0.25,
    });
  });
  it('are applied by core beneath an empty request (the tray and the global shortcut send {})', () => {
    expect(applyRecordingSettings(recordRequest.parse({}), saved)).toMatchObject({
      fps: 24, maxHeight: 720, quality: 'high', bubbleCorner: 'top-left', bubbleSize: 0.35, camera: '/dev/video2', mic: 'vmic', display: ':99',
    });
  });
  it('never override what the caller chose, including "no camera" and "no mic"', () => {
    const options = applyRecordingSettings(recordRequest.parse({ fps: 60, camera: null, mic: null, display: ':1' }), saved);
    expect(options).toMatchObject({ fps: 60, camera: null, mic: null, display: ':1', maxHeight: 720 });
  });
  it('the Record page and the CLI send only what was chosen, so core can apply the rest', () => {
    const page = recordRequest.parse(recordOptionsFor({ screen: ':99', camera: '', mic: 'vmic', synthetic: false }));
    expect(page.fps).toBeUndefined();
    expect(page.quality).toBeUndefined();
    expect(applyRecordingSettings(page, saved)).toMatchObject({ fps: 24, maxHeight: 720, quality: 'high', camera: null, mic: 'vmic' });
    const cli = recordRequest.parse(recordInput({ fps: '60' }, 5));
    expect(applyRecordingSettings(cli, saved)).toMatchObject({ fps: 60, maxHeight: 720, quality: 'high', maxSeconds: 5, mic: 'vmic', camera: '/dev/video2' });
    expect(applyRecordingSettings(recordRequest.parse(recordInput({ camera: 'none', mic: 'none' })), saved)).toMatchObject({ camera: null, mic: null });
  });
  it('are refused when out of range', () => {
    expect(settingsShape.safeParse({ 'recording.fps': 500 }).success).toBe(false);
    expect(settingsShape.safeParse({ 'recording.bubbleCorner': 'middle' }).success).toBe(false);
  });
});
