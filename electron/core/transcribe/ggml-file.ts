// Recognizing a whisper.cpp ggml model file by its header, so a wrong or damaged file is refused with a clear message
// before whisper-cli is started (and before an import copies hundreds of megabytes).
import { open } from 'node:fs/promises';

/** "ggml" as the little-endian uint32 0x67676d6c that starts every whisper.cpp model file. */
export const GGML_MAGIC = 0x67676d6c;

export interface GgmlHeader {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
  ftype: number;
}

export type GgmlCheck = { ok: true; header: GgmlHeader } | { ok: false; reason: string };

const LAYERS = new Set([4, 6, 12, 24, 32]);

/** Reads the 48-byte header and checks it describes a Whisper model; never throws for a bad file, only for I/O. */
export async function readGgmlHeader(file: string): Promise<GgmlCheck> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(48);
    const { bytesRead } = await handle.read(buffer, 0, 48, 0);
    if (bytesRead < 48) return { ok: false, reason: 'the file is too short to be a ggml model' };
    if (buffer.readUInt32LE(0) !== GGML_MAGIC) return { ok: false, reason: 'the file does not start with the ggml magic' };
    const values = Array.from({ length: 11 }, (_, i) => buffer.readInt32LE(4 + i * 4));
    const [nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState, nTextHead, nTextLayer, nMels, ftype] = values;
    const header: GgmlHeader = { nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState, nTextHead, nTextLayer, nMels, ftype };
    if (nVocab < 50_000 || nVocab > 60_000 || !LAYERS.has(nAudioLayer) || (nMels !== 80 && nMels !== 128) || nAudioState !== nTextState) {
      return { ok: false, reason: 'the ggml header does not describe a Whisper model' };
    }
    return { ok: true, header };
  } finally {
    await handle.close();
  }
}
