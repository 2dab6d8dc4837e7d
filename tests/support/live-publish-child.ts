// A process that records with publishing while recording on, for the kill -9 test: it prints `RECORDING <id>` once
// the recording runs, then `LINK <url>` once a share link was copied for it (on S3, a page in the bucket), and waits
// to be killed. argv: dataDir.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeCore } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';

const [dataDir] = process.argv.slice(2);
const core = composeCore({
  dataDir,
  resourcesDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources'),
  version: 'test',
  env: process.env,
  platform: process.platform,
  logger: createMemoryLogger('live-publish-child'),
  clock: () => new Date(),
  livePublishTuning: { chunkBytes: 64 * 1024 },
});
const { id } = await core.recorder.start({
  display: null, region: null, camera: 'synthetic', mic: 'synthetic', cameraOnly: true, bubbleCorner: 'bottom-right', bubbleSize: 0.25,
  fps: 10, maxHeight: 240, quality: 'standard', synthetic: null, title: 'Crash', replyTo: null, maxSeconds: null, publishOnStop: true,
});
process.stdout.write(`RECORDING ${id}\n`);
const link = await core.dispatch('share:forRecording', { id });
if (!link.ok) throw new Error(link.error.message);
process.stdout.write(`LINK ${(link.value as { url: string }).url}\n`);
await new Promise(() => undefined);
