import { useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { clampSpeed, playerKeyAction, SPEEDS } from '../lib/player-keys';
import { formatDuration } from '../lib/time';

export interface PlayerHandle {
  seekTo(ms: number): void;
  /** The video element, for the editor's preview (it skips removed ranges as they play). */
  video(): HTMLVideoElement | null;
}

interface Props {
  src: string;
  /** Only when the clip has captions: the app never asks for a file it knows is absent. */
  captionsSrc?: string;
  /** The transcript's language code (detected or chosen); the caption track carries it. */
  captionsLanguage?: string | null;
  /** Where to start, in seconds (from `?t=`). */
  startAt?: number | null;
  onTimeChange?: (ms: number) => void;
  onDuration?: (ms: number) => void;
  /** The video could not load (the page may ask the core why: a teammate's video can vanish from the workspace). */
  onError?: () => void;
  ref?: Ref<PlayerHandle>;
}

/**
 * The clip video with its own control bar instead of the browser's (whose seven unlabeled tab stops differ per
 * browser): play, a seek slider that reads "1:02 of 4:05", speed 1–2×, captions and mute, each one labeled tab stop.
 * YouTube-style keys work from anywhere in the player (space/k, j/l, arrows, c, m).
 */
export function Player({ src, captionsSrc, captionsLanguage, startAt, onTimeChange, onDuration, onError, ref }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const speedId = useId();
  const [speed, setSpeed] = useState(1);
  const [failed, setFailed] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [playing, setPlaying] = useState(false);
  const [muted, setMuted] = useState(false);
  const [captionsOn, setCaptionsOn] = useState(true);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);

  useImperativeHandle(ref, () => ({
    seekTo(ms: number) {
      if (video.current) video.current.currentTime = ms / 1000;
    },
    video: () => video.current,
  }));

  function applySpeed(next: number) {
    const value = clampSpeed(next);
    setSpeed(value);
    if (video.current) video.current.playbackRate = value;
    setAnnounce(`Speed ${value}×`);
  }
  function toggle() {
    const v = video.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => setAnnounce('The video cannot play.'));
    else v.pause();
  }
  function toggleCaptions() {
    const track = video.current?.textTracks[0];
    if (!track) return;
    track.mode = track.mode === 'showing' ? 'hidden' : 'showing';
    setCaptionsOn(track.mode === 'showing');
    setAnnounce(track.mode === 'showing' ? 'Captions on' : 'Captions off');
  }
  function toggleMute() {
    const v = video.current;
    if (!v) return;
    v.muted = !v.muted;
    setMuted(v.muted);
    setAnnounce(v.muted ? 'Muted' : 'Sound on');
  }

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (target.tagName === 'SELECT' || target.tagName === 'INPUT' || event.altKey || event.ctrlKey || event.metaKey) return;
    // Space and Enter on a button press that button.
    if (target.tagName === 'BUTTON' && (event.key === ' ' || event.key === 'Enter')) return;
    const action = playerKeyAction(event.key);
    const v = video.current;
    if (!action || !v) return;
    event.preventDefault();
    if (action.kind === 'toggle') toggle();
    else if (action.kind === 'seek-by') {
      v.currentTime = Math.max(0, Math.min(v.duration || Infinity, v.currentTime + action.seconds));
      setAnnounce(`${formatDuration(v.currentTime * 1000)}`);
    } else if (action.kind === 'speed-by') applySpeed(speed + action.step);
    else if (action.kind === 'mute') toggleMute();
    else toggleCaptions();
  }

  const now = formatDuration(time * 1000) ?? '0:00';
  const total = formatDuration(duration * 1000) ?? '0:00';
  return (
    <div className="player" role="group" aria-label="Video player" tabIndex={-1} onKeyDown={onKeyDown} data-testid="player">
      {failed ? (
        <p role="alert" className="player-error">
          The video is not available yet (still processing or syncing).
        </p>
      ) : null}
      <video
        ref={video}
        src={src}
        preload="metadata"
        playsInline
        onClick={toggle}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onLoadedMetadata={(e) => {
          const v = e.currentTarget;
          setDuration(v.duration);
          onDuration?.(v.duration * 1000);
          if (startAt) v.currentTime = startAt;
          v.playbackRate = speed;
        }}
        onTimeUpdate={(e) => {
          setTime(e.currentTarget.currentTime);
          onTimeChange?.(e.currentTarget.currentTime * 1000);
        }}
        onError={() => {
          setFailed(true);
          onError?.();
        }}
      >
        {captionsSrc ? <track kind="captions" src={captionsSrc} srcLang={captionsLanguage || 'und'} label={captionsLanguage ? `Captions (${captionsLanguage})` : 'Captions'} default /> : null}
      </video>
      <div className="player-bar">
        <button type="button" className="player-play" onClick={toggle} aria-label={playing ? 'Pause' : 'Play'} data-testid="player-play">
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            {playing ? <path d="M4 3h3v10H4zM9 3h3v10H9z" /> : <path d="M4 2.5v11l9-5.5z" />}
          </svg>
        </button>
        <input
          type="range"
          className="player-seek"
          aria-label="Position"
          aria-valuetext={`${now} of ${total}`}
          min={0}
          max={Math.max(duration, 0.001)}
          step={0.1}
          value={Math.min(time, duration || 0)}
          onChange={(e) => {
            if (video.current) video.current.currentTime = Number(e.target.value);
          }}
        />
        <span className="timecode player-time" aria-hidden="true">
          {now} / {total}
        </span>
        <label htmlFor={speedId} className="visually-hidden">
          Speed
        </label>
        <select id={speedId} value={speed} onChange={(e) => applySpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        {captionsSrc ? (
          <button type="button" aria-pressed={captionsOn} onClick={toggleCaptions}>
            CC<span className="visually-hidden"> captions</span>
          </button>
        ) : null}
        <button type="button" aria-pressed={muted} onClick={toggleMute}>
          {muted ? 'Unmute' : 'Mute'}
        </button>
        <span className="visually-hidden" aria-live="polite">
          {announce}
        </span>
      </div>
    </div>
  );
}
