// The one contract. Every call and event the renderer can use is listed here with a zod schema; the preload bridge,
// the Electron IPC handlers, the browser-mode HTTP/WebSocket server and the renderer client are all derived from it.
// A domain adds its calls in shared/contract/<domain>.ts and one spread below.
import type { z } from 'zod';
import { appCalls, appEvents } from './contract/app';
import { clipsCalls, clipsEvents } from './contract/clips';
import { searchCalls, searchEvents } from './contract/search';
import { recorderCalls, recorderEvents } from './contract/recorder';
import { settingsCalls, settingsEvents } from './contract/settings';
import { transcriptionCalls, transcriptionEvents } from './contract/transcription';
import { workspaceCalls, workspaceEvents } from './contract/workspace';
import { shareCalls, shareEvents } from './contract/share';
import { decisionsCalls, decisionsEvents } from './contract/decisions';
import { shareServerCalls, shareServerEvents } from './contract/share-server';
import { importsCalls, importsEvents } from './contract/imports';
import { normsCalls, normsEvents } from './contract/norms';
import { editsCalls, editsEvents } from './contract/edits';
import { mediaCalls, mediaEvents } from './contract/media';

export const calls = {
  ...appCalls,
  ...settingsCalls,
  ...clipsCalls,
  ...searchCalls,
  ...transcriptionCalls,
  ...workspaceCalls,
  ...shareCalls,
  ...recorderCalls,
  ...decisionsCalls,
  ...shareServerCalls,
  ...importsCalls,
  ...normsCalls,
  ...editsCalls,
  ...mediaCalls,
} as const;

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...clipsEvents,
  ...searchEvents,
  ...transcriptionEvents,
  ...workspaceEvents,
  ...shareEvents,
  ...recorderEvents,
  ...decisionsEvents,
  ...shareServerEvents,
  ...importsEvents,
  ...normsEvents,
  ...editsEvents,
  ...mediaEvents,
} as const;

export type Calls = typeof calls;
export type Channel = keyof Calls;
export type EventName = keyof typeof events;

/** What the caller may pass (defaults still optional). */
export type CallInput<C extends Channel> = z.input<Calls[C]['input']>;
/** What the handler receives, after parsing and defaults. */
export type ParsedInput<C extends Channel> = z.output<Calls[C]['input']>;
export type CallOutput<C extends Channel> = z.output<Calls[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channels = Object.keys(calls) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** `'clips:list'` → `['clips', 'list']`. */
export function splitChannel(channel: string): [string, string] {
  const at = channel.indexOf(':');
  return [channel.slice(0, at), channel.slice(at + 1)];
}
