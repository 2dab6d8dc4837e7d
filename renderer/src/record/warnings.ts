// The recorder's warnings as the Record page lists them: one line per kind, so a fallback of live transcription or of
// publishing while recording is said once, plainly, however often the core repeats it (a falling-behind warning
// updates its line as the recorder adapts again).
export interface RecorderWarning {
  kind: string;
  message: string;
}

export function addWarning(list: RecorderWarning[], warning: RecorderWarning): RecorderWarning[] {
  const at = list.findIndex((w) => w.kind === warning.kind);
  if (at === -1) return [...list, warning];
  if (list[at].message === warning.message) return list;
  return list.map((w, i) => (i === at ? warning : w));
}
