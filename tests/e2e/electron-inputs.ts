// Every contract input the Electron suite sends through window.handoff, in one place, so a unit test can check them
// against the contract's schemas on machines where the suite itself skips (no Electron binary). The spec that sent
// `{ synthetic: true }` failed only where Electron exists; this makes such a mistake fail everywhere.
import type { CallInput } from '../../shared/contract';

/** Three seconds of the synthetic source (test pattern + tone), stopping by itself: no sleep in the test. */
export const syntheticRecording = {
  display: 'synthetic',
  camera: null,
  mic: 'synthetic',
  fps: 15,
  maxHeight: 480,
  maxSeconds: 3,
  title: 'Electron smoke test',
} satisfies CallInput<'recorder:start'>;

export const useTeamFolder = (dir: string) => ({ dir }) satisfies CallInput<'workspace:useFolder'>;

export const profile = { values: { 'profile.name': 'Ana', 'profile.timezone': 'Europe/Berlin', 'ui.onboarded': true } } satisfies CallInput<'settings:set'>;

export const syncNow = {} satisfies CallInput<'sync:run'>;

/** Channel → input, for the schema check. */
export const electronSpecInputs: [string, unknown][] = [
  ['recorder:start', syntheticRecording],
  ['workspace:useFolder', useTeamFolder('/tmp/team')],
  ['settings:set', profile],
  ['sync:run', syncNow],
];
