// `handoff trim | cut | edits | render`: non-destructive editing from the terminal, through the same edits:* calls as
// the clip page. Times are seconds (`12.5`) or minutes:seconds (`1:02.5`) of the original recording.
import path from 'node:path';
import type { Command } from 'commander';
import type { EditOperation, EditState } from '../../../shared/contract/edits';
import { HandoffError } from '../../../shared/result';
import type { CliContext } from '../context';

/** `12.5` or `1:02.5` or `1:00:02` → milliseconds. */
export function parseTime(text: string): number {
  const parts = text.trim().split(':');
  if (parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) {
    throw new HandoffError('invalid-input', `"${text}" is not a time: use seconds (12.5) or minutes:seconds (1:02.5).`);
  }
  return Math.round(parts.reduce((total, part) => total * 60 + Number(part), 0) * 1000);
}

/** `FROM-TO` → a range in ms. */
export function parseRange(text: string): { startMs: number; endMs: number } {
  const match = /^([^-]+)-([^-]+)$/.exec(text.trim());
  if (!match) throw new HandoffError('invalid-input', `"${text}" is not a range: use FROM-TO, e.g. 12-15.5 or 1:02-1:10.`);
  return { startMs: parseTime(match[1]), endMs: parseTime(match[2]) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function describe(state: EditState): string {
  const lines = [
    state.edited
      ? `${state.clipId}: ${seconds(state.editedDurationMs)} of ${seconds(state.durationMs)} kept${state.op ? ` (last: ${state.op})` : ''}`
      : `${state.clipId}: no edit, the whole ${seconds(state.durationMs)} is kept`,
    ...state.kept.map((r) => `  keep ${seconds(r.startMs)} – ${seconds(r.endMs)}`),
    `  render: ${state.render.state}${state.canUndo ? '   undo available' : ''}${state.canRedo ? '   redo available' : ''}`,
  ];
  return lines.join('\n');
}

export function registerEdit(program: Command, context: () => CliContext) {
  const apply = async (id: string, operation: EditOperation) => {
    const ctx = context();
    const state = await ctx.call('edits:apply', { clipId: id, operation });
    ctx.print(state, () => `cut ${seconds(state.removedMs)}\n${describe(state)}`);
  };

  program
    .command('trim')
    .description('keep only the part of a clip between --start and --end (the original is never changed)')
    .argument('<id>')
    .option('--start <time>', 'first moment kept (seconds or m:ss)')
    .option('--end <time>', 'last moment kept')
    .action(async (id: string, opts: { start?: string; end?: string }) => {
      if (opts.start === undefined && opts.end === undefined) throw new HandoffError('invalid-input', 'Give --start, --end or both.');
      await apply(id, { kind: 'trim', startMs: opts.start === undefined ? null : parseTime(opts.start), endMs: opts.end === undefined ? null : parseTime(opts.end) });
    });

  program
    .command('cut')
    .description('cut ranges (FROM-TO…), words of the transcript (--words), filler words (--fillers) or long silences (--silences N)')
    .argument('<id>')
    .argument('[ranges...]', 'FROM-TO ranges, e.g. 12-15.5 1:02-1:10')
    .option('--words <text>', 'cut every occurrence of these words in the transcript')
    .option('--fillers', 'cut filler words (um, uh, erm, hmm…) found in the transcript')
    .option('--silences <seconds>', 'cut silences longer than this, leaving a short pause')
    .action(async (id: string, ranges: string[], opts: { words?: string; fillers?: boolean; silences?: string }) => {
      const chosen = [ranges.length > 0, opts.words !== undefined, Boolean(opts.fillers), opts.silences !== undefined].filter(Boolean).length;
      if (chosen !== 1) throw new HandoffError('invalid-input', 'Give exactly one of: FROM-TO ranges, --words "text", --fillers, --silences N.');
      if (opts.words !== undefined) return apply(id, { kind: 'cut-words', text: opts.words });
      if (opts.fillers) return apply(id, { kind: 'fillers' });
      if (opts.silences !== undefined) {
        const min = Number(opts.silences);
        if (!Number.isFinite(min)) throw new HandoffError('invalid-input', `--silences takes seconds, e.g. 1.5 (got "${opts.silences}").`);
        return apply(id, { kind: 'silences', minSeconds: min });
      }
      return apply(id, { kind: 'cut', ranges: ranges.map(parseRange), snap: false });
    });

  program
    .command('edits')
    .description("a clip's edit: kept ranges and edited duration; --undo, --redo or --reset")
    .argument('<id>')
    .option('--undo', 'undo the last edit')
    .option('--redo', 'redo what was undone')
    .option('--reset', 'back to the whole clip (can be undone)')
    .action(async (id: string, opts: { undo?: boolean; redo?: boolean; reset?: boolean }) => {
      const ctx = context();
      if ([opts.undo, opts.redo, opts.reset].filter(Boolean).length > 1) throw new HandoffError('invalid-input', 'Give one of --undo, --redo, --reset.');
      const channel = opts.undo ? 'edits:undo' : opts.redo ? 'edits:redo' : opts.reset ? 'edits:reset' : 'edits:get';
      const state = await ctx.call(channel, { clipId: id });
      ctx.print(state, () => describe(state));
    });

  program
    .command('render')
    .description("render a clip's edited version (smart cut: only the frames around each cut are re-encoded)")
    .argument('<id>')
    .action(async (id: string) => {
      const ctx = context();
      const result = await ctx.call('edits:render', { clipId: id });
      // The contract names the file, never a path; the terminal is where the person wants to find it.
      const file = path.join(ctx.core.paths.clipsDir, result.clipId, result.file);
      const out = { path: file, durationMs: result.durationMs, sizeBytes: result.sizeBytes, seconds: result.seconds, method: result.method, copiedFrames: result.copiedFrames, encodedFrames: result.encodedFrames };
      ctx.print(out, () => `${file}\n  ${seconds(result.durationMs)}, ${(result.sizeBytes / 1e6).toFixed(1)} MB, rendered in ${result.seconds.toFixed(1)} s (${result.method}: ${result.copiedFrames} frames copied, ${result.encodedFrames} re-encoded)`);
    });
}
