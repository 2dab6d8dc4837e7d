// `handoff doctor` lists mics and cameras exactly as the recorder does: under a real PulseAudio server with the null
// sink vsink and the source vmic, vmic is a microphone and the sink's monitor is not.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../shared/contract/app';
import { pulseAvailable, startPulse, type PulseHandle } from '../support/pulse';
import { handoff, tempDir } from '../support/workspace-helpers';

const skipReason = spawnSync('ffmpeg', ['-version']).status !== 0 ? 'ffmpeg is not installed' : !pulseAvailable() ? 'pulseaudio is not installed' : null;
if (skipReason) console.warn(`doctor device tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('handoff doctor: the recorder device checks', () => {
  let pulse: PulseHandle;
  beforeAll(async () => {
    pulse = await startPulse();
  });
  afterAll(async () => {
    await pulse?.stop();
  });

  it('lists the pulse mic vmic (not the sink monitor) and reports cameras', async () => {
    const run = await handoff(tempDir('doctor'), ['--json', 'doctor'], { PULSE_SERVER: pulse.server });
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.mics).toContain('pulse:vmic');
    expect(report.mics.some((mic) => mic.endsWith('.monitor'))).toBe(false);
    expect(report.checks.find((c) => c.name === 'microphone')).toMatchObject({ ok: true, required: false, detail: expect.stringContaining('pulse:vmic') });
    const camera = report.checks.find((c) => c.name === 'camera');
    expect(camera).toMatchObject({ required: false, ok: report.cameras.length > 0 });
    expect(report.cameras).not.toContain('synthetic');
  });

  it('with no sound server, says there is no microphone instead of failing', async () => {
    const run = await handoff(tempDir('doctor-nomic'), ['--json', 'doctor'], { PULSE_SERVER: 'unix:/nonexistent/pulse.sock' });
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.mics).toEqual([]);
    expect(report.checks.find((c) => c.name === 'microphone')).toMatchObject({ ok: false, required: false });
  });
});
