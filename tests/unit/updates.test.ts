// Update checks: only a packaged app, only with the user's setting on, and a downloaded update offers a restart.
// electron-updater and the dialog are fakes; the setting goes through the real core's settings:set / settings:get.
import { afterEach, describe, expect, it } from 'vitest';
import { askWithDialog, startUpdateChecks, type DialogLike, type UpdaterLike } from '../../electron/main/updates';
import { makeTempCore } from '../support/temp-core';

class FakeUpdater implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  checks = 0;
  installs = 0;
  private listeners = new Map<string, ((arg: never) => void)[]>();
  on(event: string, listener: (arg: never) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, arg: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener(arg as never);
  }
  async checkForUpdates() {
    this.checks++;
    return null;
  }
  quitAndInstall() {
    this.installs++;
  }
}

const cores: ReturnType<typeof makeTempCore>[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

async function setup(options: { packaged: boolean; setting?: boolean; restart?: boolean }) {
  const temp = makeTempCore();
  cores.push(temp);
  if (options.setting !== undefined) {
    const set = await temp.core.dispatch('settings:set', { values: { 'updates.checkAtStart': options.setting } });
    expect(set.ok).toBe(true);
  }
  const updater = new FakeUpdater();
  let created = 0;
  const asked: string[] = [];
  let answered: () => void = () => undefined;
  const answer = new Promise<void>((resolve) => (answered = resolve));
  const result = await startUpdateChecks(
    {
      isPackaged: options.packaged,
      updater: () => (created++, updater),
      askToRestart: async (version) => {
        asked.push(version);
        queueMicrotask(answered);
        return options.restart ?? false;
      },
    },
    { dispatch: temp.core.dispatch, logger: temp.logger },
  );
  return { result, updater, created: () => created, asked, answer, logger: temp.logger };
}

describe('update checks', () => {
  it('are off by default: a packaged app does not check until the user turns the setting on', async () => {
    const { result, created } = await setup({ packaged: true });
    expect(result).toBe('off');
    expect(created()).toBe(0);
  });

  it('never run in an unpackaged app (development, the Electron test suite), even with the setting on', async () => {
    const { result, created } = await setup({ packaged: false, setting: true });
    expect(result).toBe('not-packaged');
    expect(created()).toBe(0);
  });

  it('check once at start with the setting on, downloading in the background and installing at quit', async () => {
    const { result, updater } = await setup({ packaged: true, setting: true });
    expect(result).toBe('checking');
    expect(updater.checks).toBe(1);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('offer a restart when an update is downloaded, and restart into it when accepted', async () => {
    const { updater, asked, answer } = await setup({ packaged: true, setting: true, restart: true });
    updater.emit('update-downloaded', { version: '0.2.0' });
    await answer;
    await Promise.resolve();
    expect(asked).toEqual(['0.2.0']);
    expect(updater.installs).toBe(1);
  });

  it('leave the update for the next quit when the user says later, and log a failed check without throwing', async () => {
    const { updater, asked, answer, logger } = await setup({ packaged: true, setting: true, restart: false });
    updater.emit('update-downloaded', { version: '0.2.0' });
    await answer;
    await Promise.resolve();
    expect(asked).toEqual(['0.2.0']);
    expect(updater.installs).toBe(0);
    updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(logger.lines.some((line) => line.includes('update check failed') && line.includes('ERR_INTERNET_DISCONNECTED'))).toBe(true);
  });

  it('asks with a dialog whose first button restarts', async () => {
    const shown: Parameters<DialogLike['showMessageBox']>[0][] = [];
    const dialog = (response: number): DialogLike => ({ showMessageBox: async (options) => (shown.push(options), { response }) });
    expect(await askWithDialog(dialog(0))('0.2.0')).toBe(true);
    expect(await askWithDialog(dialog(1))('0.2.0')).toBe(false);
    expect(shown[0]).toMatchObject({ buttons: ['Restart now', 'Later'], cancelId: 1, message: 'Handoff 0.2.0 is ready.' });
  });
});
