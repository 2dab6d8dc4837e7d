// Titles, authors and asks come from teammates (the workspace) and share viewers: printed raw, their escape sequences
// reach the terminal (clear the screen, set the window title, fake a line of output). Issue 20, finding 9.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff, hasFfmpeg, makeTinyMp4, tempDir } from '../support/workspace-helpers';

const CLEAR = '\u001b[2J\u001b[H';
const WINDOW_TITLE = '\u001b]0;owned\u0007';
const FAKE_LINE = '\nhandoff: your workspace was deleted';
const hostileTitle = `Launch${CLEAR}${WINDOW_TITLE} plan${FAKE_LINE}`;
const hostileAsk = `Approve?\r\u009b2J${FAKE_LINE}`;

let dataDir: string;
let clipId: string;
beforeAll(async () => {
  dataDir = tempDir('cli-text');
  const video = makeTinyMp4(path.join(dataDir, 'in.mp4'));
  const imported = await handoff(dataDir, ['--json', 'import', video, '--title', hostileTitle, '--author', `Mallory${CLEAR}`, '--timezone', 'Europe/Berlin']);
  expect(imported.code, imported.stderr).toBe(0);
  clipId = imported.json<{ clip: { id: string } }>().clip.id;
  const edited = await handoff(dataDir, ['edit', clipId, '--ask', hostileAsk, '--urgency', 'reply-needed']);
  expect(edited.code, edited.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function expectTerminalSafe(text: string) {
  // eslint-disable-next-line no-control-regex
  expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(text).not.toMatch(/^handoff: your workspace was deleted/m);
}

describe.skipIf(!hasFfmpeg())('the CLI prints no control characters from data', () => {
  it.each([
    ['list', () => ['list']],
    ['show', () => ['show', clipId]],
    ['search', () => ['search', 'plan']],
    ['inbox', () => ['inbox', '--viewer-tz', 'Europe/Berlin']],
    ['rename', () => ['rename', clipId, hostileTitle]],
  ])('%s', async (_name, args) => {
    const run = await handoff(dataDir, args());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Launch');
    expectTerminalSafe(run.stdout);
    expectTerminalSafe(run.stderr);
  });

  it('an error message that quotes the input', async () => {
    const run = await handoff(dataDir, ['show', `nope${CLEAR}`]);
    expect(run.code).not.toBe(0);
    expectTerminalSafe(run.stderr);
  });

  it('--json keeps the exact text, JSON-escaped', async () => {
    const run = await handoff(dataDir, ['--json', 'show', clipId]);
    expect(run.json<{ title: string }>().title).toBe(hostileTitle);
    expect(run.stdout).not.toContain('\u001b');
  });
});
