// Opening an old library in browser mode: the start-up migration runs in the core's worker thread while the page
// says how far it got ("Updating your library… 3/9"), then the app loads over the migrated library.
import { expect, test } from '@playwright/test';
import { migrations } from '../../electron/core/library/migrations/index';
import { seedSchemaOneLibrary } from '../support/old-library';
import { tempDir } from '../support/temp-core';
import { startWebMode, type WebMode } from '../support/web-mode';

let web: WebMode | null = null;
const folder = tempDir('handoff-old-');
test.afterEach(async () => {
  await web?.stop();
  folder.remove();
});

test('an old library is migrated behind a progress screen, then the app loads over it', async ({ page }) => {
  // Big enough that the migration outlasts loading the page (it rebuilds the search index twice).
  seedSchemaOneLibrary(folder.dir, 20_000, 10);
  // No share-port call: it would wait for the migration, and the page must see it running.
  web = await startWebMode({ dataDir: folder.dir, sharePort: null });
  await page.goto(web.launchUrl);
  const pending = migrations.length - 1;
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^Updating your library… \\d+/${pending}$`));
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible({ timeout: 120_000 });
  // The migrated library: every clip, and a search index built over their transcripts.
  const call = async (channel: string, data: unknown) =>
    (await (await page.request.post(`${web!.url}/api/${channel}`, { data, headers: { authorization: `Bearer ${web!.token}` } })).json()) as { ok: boolean; value: unknown };
  expect(await call('clips:list', { limit: 1 })).toMatchObject({ ok: true, value: { total: 20_000 } });
  expect(await call('search:query', { query: 'week', limit: 5 })).toMatchObject({ ok: true, value: { hits: expect.arrayContaining([expect.objectContaining({ field: 'transcript' })]) } });
});
