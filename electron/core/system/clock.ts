// The clock every core is composed with: one rule for the CLI, browser mode's worker core and the desktop app.
/**
 * The wall clock, or with HANDOFF_FIXED_NOW (an ISO instant) a clock that always reads that instant: for demos and
 * screenshots that must show the same day, times and "in 3 working hours" on every run (tests/e2e/ui-screenshots.spec.ts).
 */
export function clockFrom(env: NodeJS.ProcessEnv | Record<string, string | undefined>): () => Date {
  if (!env.HANDOFF_FIXED_NOW) return () => new Date();
  const fixed = Date.parse(env.HANDOFF_FIXED_NOW);
  if (Number.isNaN(fixed)) throw new Error(`HANDOFF_FIXED_NOW is not an ISO instant: ${env.HANDOFF_FIXED_NOW}`);
  return () => new Date(fixed);
}
