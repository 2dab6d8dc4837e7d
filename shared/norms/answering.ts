// What counts as answering an ask. The one place that says it: the inbox ("needs my reply"), the per-recipient states
// of `show` and the digest all read this list. Kinds the store does not have yet (comment, done) simply match nothing.
export const ANSWERING_EVENT_KINDS = ['reply', 'decision', 'comment', 'done'] as const;
export type AnsweringEventKind = (typeof ANSWERING_EVENT_KINDS)[number];

export function answers(kind: string): boolean {
  return (ANSWERING_EVENT_KINDS as readonly string[]).includes(kind);
}

/** For SQL: `kind IN (${ANSWERING_KINDS_SQL})`; the kinds are constants above, never user input. */
export const ANSWERING_KINDS_SQL = ANSWERING_EVENT_KINDS.map((kind) => `'${kind}'`).join(', ');
