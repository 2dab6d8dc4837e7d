// The REFERENCE recognizer: CMU pocketsphinx (Debian's `pocketsphinx` 0.8/5prealpha, `pocketsphinx_continuous`) with
// its en-us model. It is not a product feature and is never used silently in Whisper's place: it exists so the
// speech path (audio extraction → recognizer → words with times → SQLite → captions) can be proven end to end with a
// real recognizer where no Whisper weights can be downloaded. It is used only when selected by name.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Logger } from '../logger';
import { tail } from '../system/run';
import { TranscribeError, type TranscribeOptions, type Transcriber, type Transcript, type TranscriptSegment, transcriptionCancelled } from './types';

export const POCKETSPHINX_REFERENCE = 'pocketsphinx-reference';

const WORD_LINE = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/;

/** Non-speech markers pocketsphinx puts between words. */
function isFiller(word: string): boolean {
  return word === '<s>' || word === '</s>' || word === '<sil>' || /^\[.*\]$/.test(word) || /^\+\+.*\+\+$/.test(word);
}

/**
 * Parses `pocketsphinx_continuous -time yes` output: per utterance a hypothesis line, then `word start end p` lines
 * (seconds) framed by `<s>` … `</s>`. Each utterance becomes a segment; alternate pronunciations (`friday(2)`) are
 * reported as the word itself.
 */
export function parsePocketsphinxOutput(stdout: string): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  let current: TranscriptSegment | null = null;
  const close = () => {
    if (current && current.words.length > 0) {
      current.startMs = current.words[0].startMs;
      current.endMs = current.words.at(-1)!.endMs;
      current.text = current.words.map((word) => word.text).join(' ');
      segments.push(current);
    }
    current = null;
  };
  for (const line of stdout.split(/\r?\n/)) {
    const match = WORD_LINE.exec(line.trim());
    if (!match) continue;
    const [, token, start, end, p] = match;
    if (token === '<s>') {
      close();
      current = { startMs: 0, endMs: 0, text: '', words: [] };
      continue;
    }
    if (token === '</s>') {
      close();
      continue;
    }
    if (isFiller(token)) continue;
    current ??= { startMs: 0, endMs: 0, text: '', words: [] };
    current.words.push({
      startMs: Math.round(Number(start) * 1000),
      endMs: Math.round(Number(end) * 1000),
      text: token.replace(/\(\d+\)$/, ''),
      p: Math.max(0, Math.min(1, Number(p))),
    });
  }
  close();
  return segments;
}

export function createPocketsphinxReference(options: { binary: string; logger: Logger; modelDir?: string }): Transcriber {
  return {
    name: POCKETSPHINX_REFERENCE,
    readsStream: false,
    transcribe(wavPath: string | Readable, run: TranscribeOptions): Promise<Transcript> {
      if (typeof wavPath !== 'string') {
        return Promise.reject(new TranscribeError('audio-failed', 'The reference recognizer reads a WAV file, not a stream.'));
      }
      if (run.language !== 'auto' && run.language !== 'en') {
        return Promise.reject(new TranscribeError('model-missing', `${POCKETSPHINX_REFERENCE} only has an English model.`));
      }
      const args = ['-infile', wavPath, '-time', 'yes', '-logfn', process.platform === 'win32' ? 'NUL' : '/dev/null'];
      if (options.modelDir) args.push('-hmm', options.modelDir);
      options.logger.debug('pocketsphinx', { args });
      return new Promise((resolve, reject) => {
        const child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: run.signal, windowsHide: true });
        run.onSpawn?.(child.pid);
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-65_536)));
        child.once('error', (error: NodeJS.ErrnoException) => {
          if (error.name === 'AbortError') reject(transcriptionCancelled());
          else if (error.code === 'ENOENT') reject(new TranscribeError('binary-missing', `${options.binary} is not installed.`));
          else reject(error);
        });
        child.once('close', (code, signal) => {
          if (run.signal?.aborted) return reject(transcriptionCancelled());
          if (code !== 0) {
            return reject(
              new TranscribeError('crashed', `pocketsphinx exited with code ${code}:\n${tail(stderr)}`, { exitCode: code, signal, stderrTail: tail(stderr) }),
            );
          }
          run.onProgress?.(100);
          resolve({ language: 'en', segments: parsePocketsphinxOutput(stdout) });
        });
      });
    },
  };
}
