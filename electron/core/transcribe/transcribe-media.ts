// One media file through a recognizer: decode its audio with ffmpeg and transcribe it, then keep every time inside the
// audio's real length (recognizers round the last segment up past the end). A recognizer that reads a stream gets the
// audio as ffmpeg decodes it, so the two start together; the rest get a temp WAV file, removed afterwards.
import { extractAudio, stoppedByReader, streamAudio } from './audio';
import { TranscribeError, type TranscribeOptions, type Transcriber, type Transcript } from './types';

export async function transcribeMedia(
  transcriber: Transcriber,
  media: { ffmpeg: string; path: string; tmpParent?: string },
  run: TranscribeOptions,
): Promise<{ transcript: Transcript; durationMs: number }> {
  if (!transcriber.readsStream) {
    const audio = await extractAudio(media.ffmpeg, media.path, { signal: run.signal, tmpParent: media.tmpParent });
    try {
      const transcript = await transcriber.transcribe(audio.wavPath, run);
      return { transcript: clampToDuration(transcript, audio.durationMs), durationMs: audio.durationMs };
    } finally {
      await audio.dispose();
    }
  }
  const audio = streamAudio(media.ffmpeg, media.path, { signal: run.signal });
  // A recognizer that returns without reading everything (it refused the model, it crashed) must close the pipe, or
  // ffmpeg would wait on it forever; closing it ends ffmpeg with a broken pipe.
  const recognizing = transcriber.transcribe(audio.stream, run).finally(() => {
    if (!audio.stream.readableEnded) audio.stream.destroy();
  });
  const [decoded, recognized] = await Promise.allSettled([audio.finished, recognizing]);
  // A decode failure explains a recognizer failure (it was fed nothing or half), never the other way round: when the
  // recognizer dies first, ffmpeg's broken pipe is only a consequence.
  if (recognized.status === 'rejected') {
    if (decoded.status === 'rejected' && !(recognized.reason instanceof TranscribeError && recognized.reason.kind === 'cancelled')) {
      const decodeError = decoded.reason as TranscribeError;
      if (!stoppedByReader(decodeError)) throw decodeError;
    }
    throw recognized.reason;
  }
  if (decoded.status === 'rejected') throw decoded.reason;
  return { transcript: clampToDuration(recognized.value, decoded.value.durationMs), durationMs: decoded.value.durationMs };
}

function clampToDuration(transcript: Transcript, limit: number): Transcript {
  for (const segment of transcript.segments) {
    segment.startMs = Math.min(segment.startMs, limit);
    segment.endMs = Math.min(Math.max(segment.endMs, segment.startMs), limit);
    for (const word of segment.words) {
      word.startMs = Math.min(Math.max(word.startMs, segment.startMs), segment.endMs);
      word.endMs = Math.min(Math.max(word.endMs, word.startMs), segment.endMs);
    }
  }
  return transcript;
}
