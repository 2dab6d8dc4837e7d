import { channels } from '../../../shared/contract';

/** Whether this build's contract has a call, for screens whose capability may not be built in. */
export function hasCall(name: string): boolean {
  return (channels as readonly string[]).includes(name);
}
