// The saved recording defaults (settings 'recording.*') as recorder options. Explicit choices (a CLI flag, the
// Record page) are spread over these, so a default never overrides what the person asked for this time.
import type { RecordOptionsInput } from './contract/recorder';
import type { Settings } from './contract/settings';

export function recordingDefaults(settings: Settings): RecordOptionsInput {
  return {
    fps: settings['recording.fps'],
    maxHeight: settings['recording.maxHeight'],
    quality: settings['recording.quality'],
    bubbleCorner: settings['recording.bubbleCorner'],
    bubbleSize: settings['recording.bubbleSize'],
  };
}
