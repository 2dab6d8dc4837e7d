// Steps the phase-2 UI tests share: sign in a web-mode page as someone, and record + compose + publish an update with
// the recorder's synthetic source (no camera, mic or sound server needed).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { tempDir } from './temp-core';
import { repoRoot, startWebMode, type WebMode } from './web-mode';

export function cli(dataDir: string, args: string[]): string {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'handoff.mjs'), '--data-dir', dataDir, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`handoff ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

export async function call(page: Page, web: WebMode, channel: string, input: unknown = {}): Promise<unknown> {
  const response = await page.request.post(`${web.url}/api/${channel}`, { data: input, headers: { authorization: `Bearer ${web.token}` } });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

export async function signIn(page: Page, web: WebMode, values: Record<string, unknown> = {}): Promise<void> {
  await call(page, web, 'settings:set', { values: { 'ui.onboarded': true, ...values } });
  await page.goto(web.launchUrl);
  await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
}

export interface Compose {
  title: string;
  ask?: string;
  /** `<input type="datetime-local">` value in the sender's zone. */
  deadlineLocal?: string;
  urgency?: 'fyi' | 'reply-needed' | 'urgent';
  /** Recorded seconds to wait for on the elapsed timer before stopping. */
  seconds?: number;
}

/** Records with the synthetic source, composes and publishes; returns the new clip's id. */
export async function recordAndPublish(page: Page, web: WebMode, compose: Compose): Promise<string> {
  await page.goto(`${web.url}/#/record`);
  await page.getByLabel('Use synthetic source (demo)').check();
  await page.getByRole('button', { name: 'Start recording' }).click();
  await expect(page.getByTestId('countdown')).toBeVisible();
  const elapsed = page.getByTestId('elapsed');
  await expect(elapsed).toBeVisible({ timeout: 20_000 });
  await expect(elapsed).toHaveText(new RegExp(`^0:0[${compose.seconds ?? 2}-9]$`), { timeout: 30_000 });
  await expect(page.getByTestId('level-meter')).not.toHaveAttribute('value', '0');
  await page.getByRole('button', { name: 'Stop' }).click();
  const form = page.getByRole('form', { name: 'Compose the update' });
  await expect(form).toBeVisible({ timeout: 30_000 });
  await form.getByLabel('Title').fill(compose.title);
  if (compose.ask) await form.getByLabel('Ask or decision').fill(compose.ask);
  if (compose.deadlineLocal) await form.getByLabel(/^Deadline/).fill(compose.deadlineLocal);
  if (compose.urgency) await form.getByLabel('Urgency').selectOption(compose.urgency);
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  const published = page.getByRole('status').filter({ hasText: 'Published.' });
  await expect(published).toBeVisible({ timeout: 30_000 });
  const href = await published.getByRole('link', { name: 'Open the update' }).getAttribute('href');
  return decodeURIComponent(href!.replace('#/clip/', ''));
}

/** Tomorrow 10:00 as a datetime-local value (the zone is the form's: the sender's). */
export function tomorrowAtTen(timezone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 86_400_000));
  return `${day}T10:00`;
}

export function workdayIn(timezone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * One teammate on the shared workspace folder: their own data folder and profile, `handoff web` on it, and a signed-in
 * page in their time zone. What it starts is pushed onto `cleanup` for the test's afterEach.
 */
export async function teammate(
  browser: Browser,
  shared: string,
  name: string,
  timezone: string,
  cleanup: { folders: { remove(): void }[]; webs: WebMode[] },
): Promise<{ web: WebMode; page: Page }> {
  const data = tempDir(`handoff-${name.toLowerCase()}-`);
  cleanup.folders.push(data);
  cli(data.dir, ['profile', '--name', name, '--timezone', timezone]);
  cli(data.dir, ['workspace', 'use-folder', shared]);
  const web = await startWebMode({ dataDir: data.dir });
  cleanup.webs.push(web);
  const context = await browser.newContext({ timezoneId: timezone });
  const page = await context.newPage();
  await signIn(page, web);
  return { web, page };
}
