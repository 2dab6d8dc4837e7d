// What the CLI prints for a person goes to a terminal, which obeys escape sequences: a teammate's title or a share
// viewer's name could clear the screen, set the window title or fake lines of output. Text from anywhere (the library,
// the workspace, error messages) passes through here first; --json output is JSON-escaped already and is left alone.

// C0 controls except tab and newline, DEL, and C1 controls (U+009B is a one-byte CSI to many terminals).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;
// Bidirectional overrides and isolates reorder what follows them on screen ("Trojan Source").
const BIDI = /[\u202a-\u202e\u2066-\u2069]/gu;
const LINE_BREAKS = /[\n\t\u2028\u2029]/gu;

/** Text for the terminal: control characters and bidi overrides removed; the output's own newlines and tabs kept. */
export function forTerminal(text: string): string {
  return text.replace(CONTROLS, '').replace(BIDI, '');
}

/**
 * A value as one line: forTerminal, and its own line breaks become spaces, so a title cannot add a line that looks
 * like Handoff's output.
 */
export function oneLine(text: string): string {
  return forTerminal(text).replace(LINE_BREAKS, ' ');
}

/** Every string inside a call's result as oneLine, for human output; numbers, booleans and structure untouched. */
export function cleanForTerminal<T>(value: T): T {
  if (typeof value === 'string') return oneLine(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => cleanForTerminal(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanForTerminal(item)])) as T;
  }
  return value;
}
