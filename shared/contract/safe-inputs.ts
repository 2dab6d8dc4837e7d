// Inputs that reach the network or ffmpeg, checked at the contract so no caller (page, IPC, CLI) can hand the core a
// URL scheme or device string it did not mean: ffmpeg opens `http://…`, `tcp:…` and X displays on other hosts as
// readily as files, and an S3 endpoint of `file:///etc/passwd` was accepted.
import { z } from 'zod';

/** localhost, 127.0.0.0/8 and ::1: plain http there never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** An https URL, or http to a loopback address (a local MinIO or s3rver); '' when `allowEmpty` (the service's default). */
export function httpsUrl(options: { loopbackHttp: boolean; allowEmpty: boolean }) {
  return z
    .string()
    .max(2048)
    .refine(
      (text) => {
        if (text === '') return options.allowEmpty;
        const url = parsedUrl(text);
        if (!url || url.username || url.password) return false;
        if (url.protocol === 'https:') return true;
        return options.loopbackHttp && url.protocol === 'http:' && isLoopbackHost(url.hostname);
      },
      { message: options.loopbackHttp ? 'expected an https:// URL (http:// only for localhost / 127.0.0.1)' : 'expected an https:// URL' },
    );
}

/**
 * The screen to record: an X display of this machine (`:0`, `:99`, `:1.0`), a screen index (macOS avfoundation,
 * Windows ddagrab: `0`, `1`), or 'synthetic' (a test pattern). Never `host:0` (a TCP connection to another X server)
 * or anything ffmpeg would read as options or a filter graph.
 */
export const displayInput = z
  .string()
  .max(16)
  .regex(/^(:\d{1,4}(\.\d{1,2})?|\d{1,2}|synthetic)$/, "expected an X display like ':0', a screen index like '1', or 'synthetic'");

/** A folder on this machine: an absolute path (a relative one would depend on the process's working folder). */
export const absoluteFolder = z
  .string()
  .max(4096)
  .refine((text) => text === '' || text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text) || text.startsWith('\\\\'), {
    message: 'expected an absolute folder path',
  });
