// Issue 16 item 7: Import in the UI. A file chosen with the Import button and a file dropped on the window both go
// through the library's import (progress shown), and a broken file is refused with the same reason as the CLI's.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { tempDir } from '../support/temp-core';
import { call, signIn } from '../support/ui-flow';
import { startWebMode, type WebMode } from '../support/web-mode';

let web: WebMode;
const folders: { remove(): void }[] = [];
test.beforeEach(async () => {
  web = await startWebMode();
});
test.afterEach(async () => {
  await web.stop();
  for (const folder of folders.splice(0)) folder.remove();
});

test('Import a video by button and by dropping it on the window; a broken file is refused', async ({ page }) => {
  const media = tempDir('handoff-import-');
  folders.push(media);
  const webm = path.join(media.dir, 'Standup notes.webm');
  const made = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=3', '-f', 'lavfi', '-i', 'sine=duration=3', '-shortest', '-c:v', 'libvpx', '-deadline', 'realtime', '-c:a', 'libopus', webm]);
  expect(made.status, String(made.stderr)).toBe(0);
  const broken = path.join(media.dir, 'broken.mp4');
  writeFileSync(broken, Buffer.alloc(4096, 7));

  await signIn(page, web, { 'profile.name': 'Ana', 'profile.timezone': 'Europe/Berlin' });
  await expect(page.getByTestId('inbox-empty')).toContainText('Import a video');
  const dock = page.getByTestId('import-dock');
  await dock.locator('input[type=file]').setInputFiles(webm);
  await expect(dock.getByTestId('import-status')).toContainText('Imported Standup notes', { timeout: 60_000 });
  await expect(page.getByTestId('inbox-list').getByTestId('inbox-row')).toHaveCount(1);
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'team-imported.png'), fullPage: true });

  // Dropped on the window: the same import.
  const bytes = readFileSync(webm).toString('base64');
  await page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], 'Dropped demo.webm', { type: 'video/webm' }));
    document.querySelector('main')!.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, bytes);
  await expect(dock.getByTestId('import-status')).toContainText('Imported Dropped demo', { timeout: 60_000 });
  await expect(page.getByTestId('inbox-list').getByTestId('inbox-row')).toHaveCount(2);

  await dock.locator('input[type=file]').setInputFiles(broken);
  await expect(dock.getByTestId('import-error')).toContainText('broken.mp4 was not imported:', { timeout: 60_000 });
  const list = (await call(page, web, 'clips:list', {})) as { total: number };
  expect(list.total).toBe(2);
});
