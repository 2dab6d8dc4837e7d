// Names browser mode's host (electron/host/sessions.ts) and its page (renderer/src/api/session-key.ts) agree on.
export const SESSION_KEY_PARAM = 'session-key';
export const SESSION_KEY_HEADER = 'x-handoff-key';
