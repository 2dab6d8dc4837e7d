// Turns a transport (anything that can send one call and subscribe to events) into the typed API object the renderer
// uses: `api.clips.list({ limit: 20 })`. Preload (Electron IPC) and the browser-mode client both go through here, so
// neither can drift from the contract.
import {
  channels,
  type CallInput,
  type CallOutput,
  type Channel,
  type EventName,
  type EventPayload,
  splitChannel,
} from './contract';
import { HandoffError, isErrorCode, type Result } from './result';

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string, D extends string> = C extends `${D}:${infer V}` ? V : never;

type RawCall<C> = C extends Channel ? (input?: CallInput<C>) => Promise<Result<CallOutput<C>>> : never;
type Call<C> = C extends Channel ? (input?: CallInput<C>) => Promise<CallOutput<C>> : never;

/** The raw, transport-level API: results are returned, never thrown. */
export type RawApi = { [D in DomainOf<Channel>]: { [V in VerbOf<Channel, D>]: RawCall<`${D}:${V}`> } } & { on: Subscribe };

/** The API components use: failures are thrown as HandoffError with the code from the other side. */
export type HandoffApi = { [D in DomainOf<Channel>]: { [V in VerbOf<Channel, D>]: Call<`${D}:${V}`> } } & { on: Subscribe };

export type Subscribe = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;

export interface Transport {
  invoke(channel: Channel, input: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

function nest<F>(make: (channel: Channel) => F): Record<string, Record<string, F>> {
  const api: Record<string, Record<string, F>> = {};
  for (const channel of channels) {
    const [domain, verb] = splitChannel(channel);
    api[domain] ??= {};
    api[domain][verb] = make(channel);
  }
  return api;
}

export function buildRawApi(transport: Transport): RawApi {
  const api = nest((channel) => (input?: unknown) => transport.invoke(channel, input ?? {}));
  return { ...api, on: transport.subscribe } as unknown as RawApi;
}

function unwrap(channel: Channel, result: unknown): unknown {
  const r = result as Result<unknown> | undefined;
  if (r && r.ok === true) return r.value;
  if (r && r.ok === false && r.error && isErrorCode(r.error.code)) {
    throw new HandoffError(r.error.code, r.error.message);
  }
  throw new HandoffError('internal', `${channel}: the transport returned something that is not a result`);
}

/** Wraps a raw API (e.g. `window.handoff`) so components get values or HandoffError. */
export function buildApi(raw: RawApi): HandoffApi {
  const rawRecord = raw as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  const api = nest((channel) => {
    const [domain, verb] = splitChannel(channel);
    return async (input?: unknown) => unwrap(channel, await rawRecord[domain][verb](input));
  });
  return { ...api, on: raw.on } as unknown as HandoffApi;
}
