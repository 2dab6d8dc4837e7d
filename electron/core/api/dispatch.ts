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
export type Dispatch = (channel: unknown, rawInput: unknown) => Promise<Result<unknown>>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, rawInput) => {
    if (!isChannel(channel)) return fail('unknown-call', `There is no call named ${JSON.stringify(String(channel)).slice(0, 80)}.`);
    const parsed = calls[channel].input.safeParse(rawInput ?? {});
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
