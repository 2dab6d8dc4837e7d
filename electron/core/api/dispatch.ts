// The single entry for every contract call, whatever the transport: Electron IPC, browser-mode HTTP and tests all
// call `dispatch(channel, rawInput)`. It checks the channel, parses the input with the contract's zod schema, runs the
// handler and turns every outcome into a Result, so no transport has its own validation or error mapping.
import { z } from 'zod';
import { calls, isChannel, type CallOutput, type Channel, type ParsedInput } from '../../../shared/contract';
import { HandoffError, fail, ok, type Result, messageOf } from '../../../shared/result';
import type { Logger } from '../logger';

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<CallOutput<C>> | CallOutput<C> };
/** The handlers of one domain, e.g. `HandlersFor<'clips'>` for every `clips:*` call. */
export type HandlersFor<D extends string> = { [C in Extract<Channel, `${D}:${string}`>]: Handlers[C] };
/**
 * Who calls: 'page' (browser mode, the desktop renderer, anything not the person at a terminal) or 'cli'. A call with a
 * `pageInput` schema in the contract parses a page's input with it: some inputs (a media file path for a synthetic
 * source) only the command line may give. Page is the default, so a new transport is the narrower one.
 */
export type Caller = 'page' | 'cli';
export type Dispatch = (channel: unknown, rawInput: unknown, caller?: Caller) => Promise<Result<unknown>>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, rawInput, caller = 'page') => {
    if (!isChannel(channel)) return fail('unknown-call', `There is no call named ${JSON.stringify(String(channel)).slice(0, 80)}.`);
    const call = calls[channel];
    const schema: z.ZodType = caller === 'page' && 'pageInput' in call ? call.pageInput : call.input;
    const parsed = schema.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('invalid-input', `${channel}: ${describeIssues(parsed.error)}`);
    const handler = handlers[channel] as (input: unknown) => unknown;
    try {
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof HandoffError) {
        if (error.code === 'internal') logger.error(`${channel} failed`, { error });
        return fail(error.code, error.message);
      }
      logger.error(`${channel} failed unexpectedly`, { error });
      return fail('internal', `${channel} failed: ${messageOf(error)}`);
    }
  };
}
