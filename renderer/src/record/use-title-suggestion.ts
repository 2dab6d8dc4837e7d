// A title suggested from the new clip's transcript (its first sentence), once transcription has produced one.
import { useEffect, useState } from 'react';
import type { HandoffApi } from '../../../shared/bridge';

/** The first sentence of a transcript, trimmed to a title's length; '' when there is no text. */
export function firstSentence(segments: { text: string }[], max = 80): string {
  const text = segments.map((s) => s.text.trim()).join(' ').replace(/\s+/g, ' ').trim();
  if (!text) return '';
  const end = text.search(/[.!?](\s|$)/);
  const sentence = end >= 0 ? text.slice(0, end) : text;
  return sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
}

export function useTitleSuggestion(api: HandoffApi, clipId: string | null): string {
  const [suggestion, setSuggestion] = useState('');
  useEffect(() => {
    if (!clipId) return;
    let live = true;
    const check = () =>
      api.transcripts.get({ clipId }).then(
        (t) => live && setSuggestion(firstSentence(t.segments)),
        () => undefined, // no transcript yet is the normal case: the title stays the person's to write
      );
    void check();
    const offJob = api.on('jobs:progress', (job) => {
      if (job.clipId === clipId && job.state === 'done') void check();
    });
    // A transcript made while recording is saved without a job.
    const offLive = api.on('transcripts:live', (event) => {
      if (event.clipId === clipId && event.state === 'done') void check();
    });
    return () => {
      live = false;
      offJob();
      offLive();
    };
  }, [api, clipId]);
  return suggestion;
}
