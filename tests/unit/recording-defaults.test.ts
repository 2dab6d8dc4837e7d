import { describe, expect, it } from 'vitest';
import { recordInput } from '../../electron/cli/commands/record';
import { recordOptionsFor } from '../../renderer/src/record/record-options';
import { settingsShape } from '../../shared/contract/settings';
import { recordingDefaults } from '../../shared/recording-defaults';

const saved = settingsShape.parse({ 'recording.fps': 24, 'recording.maxHeight': 720, 'recording.quality': 'high', 'recording.bubbleCorner': 'top-left', 'recording.bubbleSize': 0.35 });

describe('recording defaults', () => {
  it('default to 30 fps, 1080p, standard quality, a medium bubble bottom right', () => {
    expect(recordingDefaults(settingsShape.parse({}))).toEqual({ fps: 30, maxHeight: 1080, quality: 'standard', bubbleCorner: 'bottom-right', bubbleSize: 0.25 });
  });
  it('are what the Record page starts from', () => {
    const options = recordOptionsFor({ screen: ':99', camera: '/dev/video0', mic: 'vmic', synthetic: false }, recordingDefaults(saved));
    expect(options).toMatchObject({ fps: 24, maxHeight: 720, quality: 'high', bubbleCorner: 'top-left', bubbleSize: 0.35, display: ':99', mic: 'vmic' });
  });
  it('never override a CLI flag given for this recording', () => {
    expect(recordInput({ fps: '60' }, 5, recordingDefaults(saved))).toMatchObject({ fps: 60, maxHeight: 720, quality: 'high', maxSeconds: 5 });
  });
  it('are refused when out of range', () => {
    expect(settingsShape.safeParse({ 'recording.fps': 500 }).success).toBe(false);
    expect(settingsShape.safeParse({ 'recording.bubbleCorner': 'middle' }).success).toBe(false);
  });
});
