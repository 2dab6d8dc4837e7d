// A clip's edit as the editor sees it: `edits:get`, refreshed on `edits:changed`, and the operations, each answering
// with the new state (or a sentence saying why not, shown in the editor's status line).
import { useCallback, useEffect, useState } from 'react';
import type { EditOperation, EditState } from '../../../../shared/contract/edits';
import { useApi } from '../../api/context';
import { errorMessage } from '../../components/error-state';

export function useEdit(clipId: string) {
  const api = useApi();
  const [edit, setEdit] = useState<EditState | null>(null);
  const [status, setStatus] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.edits.get({ clipId }).then(setEdit, (error: unknown) => setStatus({ kind: 'error', text: errorMessage(error) }));
  }, [api, clipId]);
  useEffect(() => {
    load();
    return api.on('edits:changed', (p) => {
      if (p.clipId === clipId) load();
    });
  }, [api, clipId, load]);

  async function run(what: () => Promise<EditState & { removedMs?: number }>, done: (state: EditState & { removedMs?: number }) => string) {
    setBusy(true);
    try {
      const state = await what();
      setEdit(state);
      setStatus({ kind: 'info', text: done(state) });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return {
    edit,
    status,
    busy,
    apply: (operation: EditOperation) =>
      run(() => api.edits.apply({ clipId, operation }), (s) => `Cut ${seconds(s.removedMs ?? 0)}. The edited clip is ${seconds(s.editedDurationMs)}.`),
    undo: () => run(() => api.edits.undo({ clipId }), () => 'Undone.'),
    redo: () => run(() => api.edits.redo({ clipId }), () => 'Redone.'),
    reset: () => run(() => api.edits.reset({ clipId }), () => 'Back to the whole recording.'),
    render: () =>
      run(
        async () => {
          const result = await api.edits.render({ clipId });
          setStatus({ kind: 'info', text: `Rendered in ${result.seconds.toFixed(1)} s.` });
          return api.edits.get({ clipId });
        },
        (s) => `Edited version ready (${seconds(s.editedDurationMs)}).`,
      ),
  };
}
