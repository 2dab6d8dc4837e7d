// The reaction emoji drawn as SVG, shipped with the app: they look the same on every machine, with or without an
// emoji font (without one, Chromium draws empty boxes). Any other emoji falls back to the font.
import type { ReactElement } from 'react';

const Y = '#f7c948';
const YD = '#c98a12';
const INK = '#3b2a14';

const ART: Record<string, { name: string; svg: ReactElement }> = {
  '👍': {
    name: 'thumbs up',
    svg: (
      <>
        <path d="M6 15h4v13H6z" fill={YD} />
        <path
          d="M11 15l5-9c1.2-2.1 4.2-1.4 4.2 1.2V13h6.3c1.8 0 3.1 1.7 2.7 3.4l-2.3 9.4c-.3 1.3-1.5 2.2-2.8 2.2H11z"
          fill={Y}
          stroke={YD}
          strokeWidth="1.2"
        />
      </>
    ),
  },
  '❤️': {
    name: 'heart',
    svg: <path d="M16 28S3 20.2 3 11.6C3 7.4 6.2 4.5 9.8 4.5c2.6 0 4.8 1.5 6.2 3.6 1.4-2.1 3.6-3.6 6.2-3.6 3.6 0 6.8 2.9 6.8 7.1C29 20.2 16 28 16 28z" fill="#e0245e" />,
  },
  '🎉': {
    name: 'party popper',
    svg: (
      <>
        <path d="M4 28l6-17 11 11z" fill={Y} stroke={YD} strokeWidth="1.2" />
        <path d="M7 20l5 5M9 15l8 8" stroke="#e0245e" strokeWidth="1.6" />
        <circle cx="22" cy="6" r="1.8" fill="#3b82f6" />
        <circle cx="27" cy="12" r="1.6" fill="#e0245e" />
        <circle cx="17" cy="4" r="1.4" fill="#22c55e" />
        <path d="M20 12c2-3 5-3 7-5M15 9c0-2 1-4 3-5" stroke="#8b5cf6" strokeWidth="1.6" fill="none" strokeLinecap="round" />
      </>
    ),
  },
  '🤔': {
    name: 'thinking face',
    svg: (
      <>
        <circle cx="16" cy="15" r="12" fill={Y} stroke={YD} strokeWidth="1.2" />
        <path d="M9 9.5c1.5-1.5 3.5-1.8 5-1M18.5 8c1.5-.5 3.2 0 4.2 1.2" stroke={INK} strokeWidth="1.5" fill="none" strokeLinecap="round" />
        <circle cx="12" cy="13" r="1.6" fill={INK} />
        <circle cx="20.5" cy="13" r="1.6" fill={INK} />
        <path d="M12.5 20.5c2.5-1 5-1.2 7.5-.5" stroke={INK} strokeWidth="1.6" fill="none" strokeLinecap="round" />
        <path d="M8 27c1-3 3-4 6-4.5 1.5-.2 2.3 1.5 1 2.3L12 27z" fill={Y} stroke={YD} strokeWidth="1.2" />
      </>
    ),
  },
  '👀': {
    name: 'eyes',
    svg: (
      <>
        <ellipse cx="10" cy="16" rx="6.5" ry="9" fill="#ffffff" stroke="#6b7280" strokeWidth="1.2" />
        <ellipse cx="22" cy="16" rx="6.5" ry="9" fill="#ffffff" stroke="#6b7280" strokeWidth="1.2" />
        <circle cx="12" cy="17" r="3.2" fill="#1f2937" />
        <circle cx="24" cy="17" r="3.2" fill="#1f2937" />
      </>
    ),
  },
  '💬': {
    name: 'comment',
    svg: <path d="M5 6h22a2 2 0 012 2v13a2 2 0 01-2 2H13l-6 5v-5H5a2 2 0 01-2-2V8a2 2 0 012-2z" fill="#60a5fa" stroke="#2563eb" strokeWidth="1.2" />,
  },
};

export const REACTION_EMOJI = ['👍', '🎉', '❤️', '🤔', '👀'] as const;


/** Decorative: the control or text around it carries the words (aria-label names the emoji by name). */
export function Emoji({ emoji }: { emoji: string }) {
  const art = ART[emoji];
  if (!art) return <span aria-hidden="true">{emoji}</span>;
  return (
    <svg className="emoji" viewBox="0 0 32 32" aria-hidden="true" focusable="false" data-emoji={emoji}>
      {art.svg}
    </svg>
  );
}
