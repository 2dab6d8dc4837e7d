// The saved recording settings ('recording.*') beneath what a caller asks for. Core applies them once, in the
// `recorder:start` handler; an explicit choice (a CLI flag, the Record page, a region) always wins over a saved one.
import { recordOptions, type RecordOptions, type RecordRequest } from './contract/recorder';
import type { Settings } from './contract/settings';

export function recordingDefaults(settings: Settings) {
  return {
    display: settings['recording.display'] || null,
    camera: settings['recording.camera'] || null,
    mic: settings['recording.mic'] || null,
    fps: settings['recording.fps'],
    maxHeight: settings['recording.maxHeight'],
    quality: settings['recording.quality'],
    bubbleCorner: settings['recording.bubbleCorner'],
    bubbleSize: settings['recording.bubbleSize'],
  } satisfies Partial<RecordOptions>;
}

export function applyRecordingSettings(request: RecordRequest, settings: Settings): RecordOptions {
  const asked = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
  return recordOptions.parse({ ...recordingDefaults(settings), ...asked });
}
