// The ggml Whisper models Handoff knows by name: file name, exact size and SHA-256 of the files published in the
// Hugging Face repository ggerganov/whisper.cpp. Digests were cross-checked in two independent public sources (hex
// lists and Nix SRI hashes of the same files); whisper.cpp's own models/README.md only lists SHA-1.

export interface WhisperModelInfo {
  name: string;
  file: string;
  sizeBytes: number;
  sha256: string;
  englishOnly: boolean;
  description: string;
}

export const WHISPER_MODELS: readonly WhisperModelInfo[] = [
  { name: 'tiny.en', file: 'ggml-tiny.en.bin', sizeBytes: 77_704_715, sha256: '921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f', englishOnly: true, description: 'fastest, English only' },
  { name: 'tiny', file: 'ggml-tiny.bin', sizeBytes: 77_691_713, sha256: 'be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21', englishOnly: false, description: 'fastest, any language' },
  { name: 'base.en', file: 'ggml-base.en.bin', sizeBytes: 147_964_211, sha256: 'a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002', englishOnly: true, description: 'good default for English' },
  { name: 'base', file: 'ggml-base.bin', sizeBytes: 147_951_465, sha256: '60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe', englishOnly: false, description: 'good default, any language' },
  { name: 'small.en', file: 'ggml-small.en.bin', sizeBytes: 487_614_201, sha256: 'c6138d6d58ecc8322097e0f987c32f1be8bb0a18532a3f88f734d1bbf9c41e5d', englishOnly: true, description: 'better wording, a few times slower' },
  { name: 'small', file: 'ggml-small.bin', sizeBytes: 487_601_967, sha256: '1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b', englishOnly: false, description: 'better wording, any language' },
  { name: 'medium', file: 'ggml-medium.bin', sizeBytes: 1_533_763_059, sha256: '6c14d5adee5f86394037b4e4e8b59f1673b6cee10e3cf0b11bbdbee79c156208', englishOnly: false, description: 'high quality, slow on a laptop CPU' },
  { name: 'large-v3-turbo', file: 'ggml-large-v3-turbo.bin', sizeBytes: 1_624_555_275, sha256: '1fc70f774d38eb169993ac391eea357ef47c88757ef72ee5943879b7e8e2bc69', englishOnly: false, description: 'best quality per second of compute' },
];

export const DEFAULT_MODEL_BASE_URL = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main';

/** Model names are used in file names: letters, digits, dot, dash and underscore only. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function findWhisperModel(name: string): WhisperModelInfo | undefined {
  return WHISPER_MODELS.find((model) => model.name === name);
}

export function modelFileName(name: string): string {
  return `ggml-${name}.bin`;
}

/** What every surface says when no model is installed. */
export const NO_MODEL_HINT =
  'No Whisper model is installed. Download one with `handoff models download base.en` (or Settings → Transcription), or import a ggml file with `handoff models import FILE`.';
