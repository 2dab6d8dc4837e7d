// The `handoff` command. Every command goes through the same contract as the UI (CliContext.call), prints results on
// stdout (JSON with --json) and errors on stderr with a non-zero exit code.
import { Command, CommanderError } from 'commander';
import { HandoffError, messageOf } from '../../shared/result';
import { registerDoctor } from './commands/doctor';
import { registerImport } from './commands/import';
import { registerLibrary } from './commands/library';
import { registerSearch } from './commands/search';
import { registerModels } from './commands/models';
import { registerTranscribe } from './commands/transcribe';
import { registerShare } from './commands/share';
import { registerRecord } from './commands/record';
import { registerWeb } from './commands/web';
import { registerProfile } from './commands/profile';
import { registerWorkspace } from './commands/workspace';
import { registerUpdates } from './commands/updates';
import { registerInbox } from './commands/inbox';
import { registerNorms } from './commands/norms';
import { registerEdit } from './commands/edit';
import { registerSettings } from './commands/settings';
import { registerMedia } from './commands/media';
import { CliContext, type CliIo, type GlobalOptions } from './context';
import { forTerminal } from './terminal-text';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let ctx: CliContext | null = null;
  const program = new Command('handoff')
    .description('Async video updates for teams across timezones')
    .option('--data-dir <dir>', 'the library folder (default: $HANDOFF_DATA_DIR, else the platform app-data folder)')
    .option('--json', 'machine-readable output on stdout')
    .option('--verbose', 'log debug detail on stderr')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError();
  const context = () => (ctx ??= new CliContext(io, program.opts<GlobalOptions>()));

  registerDoctor(program, context);
  registerWeb(program, context);
  registerImport(program, context);
  registerLibrary(program, context);
  registerSearch(program, context);
  registerModels(program, context);
  registerTranscribe(program, context);
  registerProfile(program, context);
  registerWorkspace(program, context);
  registerUpdates(program, context);
  registerInbox(program, context);
  registerNorms(program, context);
  registerSettings(program, context);
  registerMedia(program, context);
  registerShare(program, context);
  registerEdit(program, context);
  registerRecord(program, context);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return (ctx as CliContext | null)?.exitCode ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const json = program.opts<GlobalOptions>().json;
    const code = error instanceof HandoffError ? error.code : 'internal';
    const message = messageOf(error);
    io.stderr.write(json ? JSON.stringify({ ok: false, error: { code, message } }) + '\n' : `handoff: ${forTerminal(message)}\n`);
    if (!(error instanceof HandoffError) && error instanceof Error && error.stack) io.stderr.write(forTerminal(error.stack) + '\n');
    return 1;
  } finally {
    await (ctx as CliContext | null)?.settle();
    (ctx as CliContext | null)?.close();
  }
}
