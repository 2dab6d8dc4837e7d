import { events, type EventName, type EventPayload } from '../../../shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Core services emit contract events here; each transport (IPC, WebSocket, CLI) forwards them its own way. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Listens to every event; returns the unsubscribe function. */
  onAny(listener: EventListener): () => void;
}

export function createEventBus(onListenerError: (error: unknown) => void): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      // Parsing here catches a service emitting the wrong shape at its source rather than in a renderer.
      const checked = events[event].parse(payload);
      for (const listener of listeners) {
        try {
          listener(event, checked);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
