// Browser mode: calls go as POST /api/<channel> and events arrive on one WebSocket. The session cookie set when the
// page was opened with its token, with the page key (session-key.ts), authenticates both; nothing here is specific to
// any call.
import type { Transport } from '../../../shared/bridge';
import type { Channel, EventName } from '../../../shared/contract';
import { sessionKeyHeaders, withSessionKey } from './session-key';

type Listener = (payload: unknown) => void;

export function createHttpTransport(base: { origin: string; host: string; protocol: string }): Transport {
  const listeners = new Map<EventName, Set<Listener>>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  function connect() {
    const scheme = base.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${scheme}//${base.host}${withSessionKey('/events')}`);
    socket.onopen = () => {
      retryMs = 500;
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as { event: EventName; payload: unknown };
      for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
    };
    socket.onclose = () => {
      socket = null;
      // The host may have restarted; keep trying with backoff while anybody listens.
      if (listeners.size > 0) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 10_000)));
    };
  }

  return {
    async invoke(channel: Channel, input: unknown) {
      let response: Response;
      try {
        response = await fetch(`${base.origin}/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', ...sessionKeyHeaders() },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: `Handoff is not reachable: ${String(error)}` } };
      }
      try {
        return await response.json();
      } catch {
        return { ok: false, error: { code: 'internal', message: `${channel}: HTTP ${response.status} without a result` } };
      }
    },
    subscribe(event: EventName, listener: Listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      if (!socket) connect();
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(event);
      };
    },
  };
}
