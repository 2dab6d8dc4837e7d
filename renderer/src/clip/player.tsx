import { useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { clampSpeed, playerKeyAction, SPEEDS } from '../lib/player-keys';
import { formatDuration } from '../lib/time';

export interface PlayerHandle {
  seekTo(ms: number): void;
}

interface Props {
  src: string;
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

/** The clip video with captions, speed 1–2× and YouTube-style keys on the player (space/k, j/l, arrows, c). */
export function Player({ src, captionsSrc, captionsLanguage, startAt, onTimeChange, onDuration, onError, ref }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const speedId = useId();
  const [speed, setSpeed] = useState(1);
  const [failed, setFailed] = useState(false);
  const [announce, setAnnounce] = useState('');

  useImperativeHandle(ref, () => ({
    seekTo(ms: number) {
      if (video.current) video.current.currentTime = ms / 1000;
    },
  }));

  function applySpeed(next: number) {
    const value = clampSpeed(next);
    setSpeed(value);
    if (video.current) video.current.playbackRate = value;
    setAnnounce(`Speed ${value}×`);
  }

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (target.tagName === 'SELECT' || target.tagName === 'INPUT' || event.altKey || event.ctrlKey || event.metaKey) return;
    const action = playerKeyAction(event.key);
    const v = video.current;
    if (!action || !v) return;
    event.preventDefault();
    if (action.kind === 'toggle') {
      if (v.paused) void v.play().catch(() => setAnnounce('The video cannot play.'));
      else v.pause();
    } else if (action.kind === 'seek-by') {
      v.currentTime = Math.max(0, Math.min(v.duration || Infinity, v.currentTime + action.seconds));
      setAnnounce(`${formatDuration(v.currentTime * 1000)}`);
    } else if (action.kind === 'speed-by') {
      applySpeed(speed + action.step);
    } else {
      const track = v.textTracks[0];
      if (track) {
        track.mode = track.mode === 'showing' ? 'hidden' : 'showing';
        setAnnounce(track.mode === 'showing' ? 'Captions on' : 'Captions off');
      }
    }
  }

  return (
    <div className="player" role="group" aria-label="Video player. Keys: space or k play and pause, j and l jump 10 seconds, arrows seek and change speed, c captions" tabIndex={0} onKeyDown={onKeyDown} data-testid="player">
      {failed ? (
        <p role="alert" className="player-error">
          The video is not available yet (still processing or syncing).
        </p>
      ) : null}
      <video
        ref={video}
        src={src}
        controls
        preload="metadata"
        playsInline
        onLoadedMetadata={(e) => {
          const v = e.currentTarget;
          onDuration?.(v.duration * 1000);
          if (startAt) v.currentTime = startAt;
          v.playbackRate = speed;
        }}
        onTimeUpdate={(e) => onTimeChange?.(e.currentTarget.currentTime * 1000)}
        onError={() => {
          setFailed(true);
          onError?.();
        }}
      >
        {captionsSrc ? <track kind="captions" src={captionsSrc} srcLang={captionsLanguage || 'und'} label={captionsLanguage ? `Captions (${captionsLanguage})` : 'Captions'} default /> : null}
      </video>
      <div className="player-bar">
        <label htmlFor={speedId}>Speed</label>
        <select id={speedId} value={speed} onChange={(e) => applySpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
        </select>
        <span className="visually-hidden" aria-live="polite">
          {announce}
        </span>
      </div>
    </div>
  );
}
