import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/context';
import { errorMessage, ErrorState } from '../components/error-state';
import { clipHref } from '../lib/route';
import { ComposeForm, type ComposeValue, type Recipient } from './compose-form';
import { Countdown } from './countdown';
import { DevicePickers, type DeviceChoice, type DeviceOption } from './device-pickers';
import { LevelMeter } from './level-meter';
import { nextSilence } from '../lib/silence';
import type { RecorderPort, RecorderProgress } from './recorder-port';
import { RecordingControls } from './recording-controls';
import { useTitleSuggestion } from './use-title-suggestion';
import { QuickLink, useQuickLink } from '../clip/quick-link';
import { fallbackTitle, titleToPublish } from '../lib/team-text';
import { addWarning, type RecorderWarning } from './warnings';
import { LiveTranscriptLine, RecordingLink } from './while-recording';

type Step = 'setup' | 'countdown' | 'recording' | 'stopping' | 'compose' | 'published';

interface Props {
  devices: { screens: DeviceOption[]; cameras: DeviceOption[]; mics: DeviceOption[] };
  recorder: RecorderPort | null;
  people: Recipient[];
  viewerTimezone: string;
  replyTo?: string | null;
}

const EMPTY_COMPOSE: ComposeValue = { title: '', context: '', ask: '', recipients: [], deadlineLocal: '', urgency: 'fyi' };

/** Setup → 3-2-1 → recording (pause/resume/stop/cancel) → compose → published. */
export function RecordFlow({ devices, recorder, people, viewerTimezone, replyTo = null }: Props) {
  const api = useApi();
  const [step, setStep] = useState<Step>('setup');
  const noDevices = devices.screens.length + devices.cameras.length === 0;
  const [choice, setChoice] = useState<DeviceChoice>({ screen: devices.screens[0]?.id ?? '', camera: '', mic: devices.mics[0]?.id ?? '', synthetic: noDevices });
  const [publishing, setPublishing] = useState(false);
  const [warnings, setWarnings] = useState<RecorderWarning[]>([]);
  const [recordingId, setRecordingId] = useState<string | null>(null);
  const [progress, setProgress] = useState<RecorderProgress>({ elapsedMs: 0, level: 0, paused: false });
  const [silent, setSilent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [clipId, setClipId] = useState<string | null>(null);
  const [compose, setCompose] = useState<ComposeValue>(EMPTY_COMPOSE);
  const silence = useRef({ lastLoudMs: 0 });
  const suggestion = useTitleSuggestion(api, clipId);
  // Stop makes the link at once (a local link works as soon as it exists), so sharing is one more click: Copy.
  const quick = useQuickLink(clipId, { create: true });
  const [publishedNote, setPublishedNote] = useState('Published.');

  // Prefill the title from the transcript's first sentence while the person has not typed one.
  useEffect(() => {
    if (suggestion) setCompose((c) => (c.title ? c : { ...c, title: suggestion }));
  }, [suggestion]);

  useEffect(() => {
    if (!recorder) return;
    return recorder.onWarning((w) => {
      if (w.kind === 'mic-silent') setSilent(true);
      else setWarnings((list) => addWarning(list, w));
    });
  }, [recorder]);

  useEffect(() => {
    if (!recorder) return;
    return recorder.onProgress((p) => {
      setProgress(p);
      const next = nextSilence(silence.current, p);
      silence.current = next;
      setSilent((was) => next.silent || (was && p.level < 0.02));
    });
  }, [recorder]);

  const act = useCallback(async (run: () => Promise<void>) => {
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  const begin = useCallback(() => {
    if (!recorder) return;
    silence.current = { lastLoudMs: 0 };
    setSilent(false);
    setWarnings([]);
    setRecordingId(null);
    void act(async () => {
      const { id } = await recorder.start(choice);
      setRecordingId(id);
      setStep('recording');
    }).then(() => setStep((s) => (s === 'countdown' ? 'setup' : s)));
  }, [recorder, choice, act]);
  const abortCountdown = useCallback(() => setStep('setup'), []);

  return (
    <div className="record-flow" data-step={step}>
      {error ? <ErrorState title="The recorder reported a problem" message={error} /> : null}
      {warnings.map((w) => (
        <p key={w.kind} role="alert" className="field-error" data-testid="recorder-warning" data-kind={w.kind}>
          {w.message}
        </p>
      ))}
      {replyTo ? (
        <p className="hint" data-testid="reply-note">
          Recording a video reply to <a href={clipHref(replyTo)}>this update</a>.
        </p>
      ) : null}
      {step === 'setup' ? (
        <>
          <DevicePickers screens={devices.screens} cameras={devices.cameras} mics={devices.mics} value={choice} onChange={setChoice} />
          <LevelMeter level={progress.level} silent={false} />
          <div className="actions">
            <button type="button" className="primary" disabled={!recorder || (!choice.synthetic && !choice.screen && !choice.camera)} aria-describedby="record-note" onClick={() => setStep('countdown')}>
              Start recording
            </button>
            <p id="record-note" className="hint">
              {recorder ? 'A 3-2-1 countdown runs before the recording starts.' : 'Recording is not available in this build.'}
            </p>
          </div>
        </>
      ) : null}
      {step === 'countdown' ? <Countdown onDone={begin} onCancel={abortCountdown} /> : null}
      {(step === 'recording' || step === 'stopping') && recorder ? (
        <>
          <RecordingControls
            elapsedMs={progress.elapsedMs}
            paused={progress.paused}
            busy={step === 'stopping'}
            onPause={() => void act(() => recorder.pause())}
            onResume={() => void act(() => recorder.resume())}
            onStop={() => {
              setStep('stopping');
              void act(async () => {
                const { clipId: id } = await recorder.stop();
                setClipId(id);
                setStep('compose');
              }).then(() => setStep((s) => (s === 'stopping' ? 'recording' : s)));
            }}
            onCancel={() => void act(async () => {
              await recorder.cancel();
              setStep('setup');
            })}
          />
          <LevelMeter level={progress.level} silent={silent} />
          {recordingId ? (
            <>
              <LiveTranscriptLine recordingId={recordingId} />
              <RecordingLink recordingId={recordingId} />
            </>
          ) : null}
        </>
      ) : null}
      {step === 'compose' && recorder && clipId ? (
        <>
          <section aria-label="Your link" className="quick-link-section">
            <h2>Your link</h2>
            <QuickLink state={quick} viewerTimezone={viewerTimezone} />
            <p className="hint">
              This recording is a draft until you publish it: it waits on <a href={clipHref(clipId)}>its page</a> and in your inbox&apos;s drafts.
            </p>
          </section>
          <ComposeForm
            value={compose}
            onChange={setCompose}
            people={people}
            viewerTimezone={viewerTimezone}
            titleSuggestion={suggestion || fallbackTitle(new Date().toISOString(), viewerTimezone)}
            busy={publishing}
            onSubmit={(value, dueAt) => void act(async () => {
              setPublishing(true);
              const title = titleToPublish(value.title, suggestion, new Date().toISOString(), viewerTimezone);
              await recorder.publish(clipId, { ...value, title }, dueAt, replyTo).finally(() => setPublishing(false));
              setPublishedNote('Published.');
              setStep('published');
            })}
            onPublishAndCopy={(value, dueAt) => void act(async () => {
              setPublishing(true);
              try {
                // Copy first, while the click still counts as the person's gesture for the clipboard.
                const link = await quick.ensure();
                await navigator.clipboard.writeText(link.url);
                const title = titleToPublish(value.title, suggestion, new Date().toISOString(), viewerTimezone);
                await recorder.publish(clipId, { ...value, title }, dueAt, replyTo);
              } finally {
                setPublishing(false);
              }
              setPublishedNote('Published, and the link is on the clipboard.');
              setStep('published');
            })}
          />
        </>
      ) : null}
      {step === 'published' && clipId ? (
        <p role="status">
          {publishedNote} <a href={clipHref(clipId)}>Open the update</a> or <a href="#/inbox">go to the inbox</a>.
        </p>
      ) : null}
    </div>
  );
}
