// Issue 17 in the real renderer: Needs-your-reply says reply-by the human way ("reply by Tue 10:30 (in 3 working
// hours)"), an overdue ask is marked and red, the clip page lists who owes a reply, and the Overlap page lists the
// windows when both people work, in my time and theirs.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { tempDir } from '../support/temp-core';
import { call, cli, signIn } from '../support/ui-flow';
import { startWebMode, type WebMode } from '../support/web-mode';
import { makeTinyMp4 } from '../support/workspace-helpers';

const folders: { remove(): void }[] = [];
const webs: WebMode[] = [];
test.afterEach(async () => {
  for (const web of webs.splice(0)) await web.stop();
  for (const folder of folders.splice(0)) folder.remove();
});

function publishAsk(dataDir: string, video: string, title: string, edit: string[]): string {
  const id = (JSON.parse(cli(dataDir, ['--json', 'import', video, '--title', title])) as { clip: { id: string } }).clip.id;
  cli(dataDir, ['edit', id, ...edit]);
  cli(dataDir, ['publish', id]);
  return id;
}

test('reply-by in working time, overdue in red, recipients on the clip, and the overlap page', async ({ browser }) => {
  const shared = tempDir('handoff-norms-shared-');
  const berlin = tempDir('handoff-norms-berlin-');
  const tokyo = tempDir('handoff-norms-tokyo-');
  folders.push(shared, berlin, tokyo);
  for (const [dir, name, zone, hours] of [[berlin.dir, 'Bea', 'Europe/Berlin', '09:00-17:00'], [tokyo.dir, 'Taro', 'Asia/Tokyo', '09:00-18:00']]) {
    cli(dir, ['workspace', 'use-folder', shared.dir]);
    cli(dir, ['profile', '--name', name, '--timezone', zone, '--hours', hours, '--workdays', 'mon-fri']);
  }
  const video = makeTinyMp4(path.join(berlin.dir, 'ask.mp4'));
  const urgent = publishAsk(berlin.dir, video, 'Urgent question', ['--ask', 'Go or no-go?', '--urgency', 'urgent']);
  const late = publishAsk(berlin.dir, video, 'Late question', ['--ask', 'Approve the budget?', '--urgency', 'reply-needed', '--due', new Date(Date.now() - 3 * 86_400_000).toISOString()]);

  const web = await startWebMode({ dataDir: tokyo.dir });
  webs.push(web);
  const page = await (await browser.newContext({ timezoneId: 'Asia/Tokyo' })).newPage();
  await signIn(page, web);
  await call(page, web, 'sync:run', {});
  await page.goto(`${web.url}/#/inbox`);

  // The digest sits on top of the inbox until dismissed: both asks arrived since my previous workday ended.
  const digest = page.getByTestId('digest');
  await expect(digest).toContainText(/2 new updates arrived/);
  await digest.getByRole('button', { name: 'Dismiss until tomorrow' }).click();
  await expect(digest).toHaveCount(0);

  const needs = page.getByTestId('needs-reply');
  // The overdue one first (its replyBy is earliest), said as overdue, in red.
  await expect(needs.getByTestId('inbox-row').first()).toHaveAttribute('data-clip-id', late);
  const overdue = needs.locator(`[data-clip-id="${late}"]`).getByTestId('reply-by');
  await expect(overdue).toHaveAttribute('data-state', 'overdue');
  await expect(overdue).toContainText(/Overdue · reply by \w{3} \d{2}:\d{2} \([\d.]+ working hours? ago\)/);
  const [red, danger] = await overdue.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(document.documentElement).getPropertyValue('--danger').trim()]);
  expect(danger).not.toBe('');
  expect(red).toBe(await page.evaluate((value) => {
    const probe = document.createElement('span');
    probe.style.color = value;
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, danger));
  // The urgent one: 4 of Taro's working hours from when it was published, however far off that is.
  await expect(needs.locator(`[data-clip-id="${urgent}"]`).getByTestId('reply-by')).toContainText(/reply by \w{3} \d{2}:\d{2} \((in [\d.]+ working (hours?|minutes?)|[\d.]+ working (hours?|minutes?) ago)\)/);

  // On the clip: who owes a reply (Taro himself, overdue).
  await needs.locator(`[data-clip-id="${late}"]`).click();
  await expect(page.getByTestId('recipients')).toContainText(/Taro: overdue, reply by/);

  // Overlap: Berlin 09:00-17:00 and Tokyo 09:00-18:00 share one hour a weekday (two while Berlin is on summer time).
  await page.goto(`${web.url}/#/overlap`);
  await expect(page.getByRole('heading', { level: 1, name: 'Overlap' })).toBeVisible();
  const first = page.getByTestId('overlap-window').first();
  await expect(first).toContainText(/your time · (60|120) min/);
  await expect(first).toContainText('Bea:');
  await expect(first).toContainText('(Europe/Berlin)');
  // Seven days ahead hold at least four weekdays, each with its window.
  expect(await page.getByTestId('overlap-window').count()).toBeGreaterThanOrEqual(4);

  // Settings: my workdays, and the team's reply windows published to the workspace.
  await page.goto(`${web.url}/#/settings`);
  const section = page.getByRole('region', { name: 'Workdays and reply times' });
  await section.getByLabel('My workdays').fill('Sun-Thu');
  await section.getByRole('button', { name: 'Save workdays' }).click();
  await expect(section.getByLabel('My workdays')).toHaveValue('sun-thu');
  expect(await call(page, web, 'profile:get', {})).toMatchObject({ workdays: 'sun-thu' });
  await section.getByLabel('Urgent (working hours)').fill('2');
  await section.getByRole('button', { name: 'Publish to the team' }).click();
  await expect(section.getByText('Set by Taro.')).toBeVisible();
  // Bea's app gets them from the workspace.
  cli(berlin.dir, ['sync']);
  expect(JSON.parse(cli(berlin.dir, ['--json', 'norms']))).toMatchObject({ norms: { urgent: 2, 'reply-needed': 16 }, author: 'Taro' });
});
