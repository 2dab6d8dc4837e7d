// Writes a whisper.cpp ggml model file with the real tensor shapes of a Whisper size and random f16 weights. whisper-cli
// loads and runs it at the real speed of that size; its text is noise, so tests assert structure, never words.
//
// Layout (whisper.cpp src/whisper.cpp, whisper_model_load): uint32 magic "ggml"; 11 int32 hparams (n_vocab,
// n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer,
// n_mels, ftype); mel filters (int32 n_mel, int32 n_fft, n_mel*n_fft float32); vocab (int32 n, then n × (uint32 len,
// bytes)); then tensors until EOF, each: int32 n_dims, int32 name_len, int32 ttype (0 f32, 1 f16), n_dims × int32 ne,
// name bytes, data. All little-endian.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface WhisperShape {
  nVocab: number;
  nAudioCtx: number;
  nState: number;
  nHead: number;
  nLayer: number;
  nTextCtx: number;
  nMels: number;
}

/** tiny.en and base.en: the English-only vocabulary (51864 tokens), 80 mel bands, 1500 audio / 448 text positions. */
export const SHAPES = {
  tiny: { nVocab: 51864, nAudioCtx: 1500, nState: 384, nHead: 6, nLayer: 4, nTextCtx: 448, nMels: 80 },
  base: { nVocab: 51864, nAudioCtx: 1500, nState: 512, nHead: 8, nLayer: 6, nTextCtx: 448, nMels: 80 },
} satisfies Record<string, WhisperShape>;

const F32 = 0;
const F16 = 1;

function xorshift(seed: number) {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

interface TensorSpec {
  name: string;
  ne: number[];
  type: typeof F32 | typeof F16;
  fill: 'weight' | 'one' | 'small';
}

export function tensorSpecs(shape: WhisperShape): TensorSpec[] {
  const s = shape.nState;
  const specs: TensorSpec[] = [];
  const add = (name: string, ne: number[], type: TensorSpec['type'], fill: TensorSpec['fill'] = type === F16 ? 'weight' : 'small') =>
    specs.push({ name, ne, type, fill });
  const block = (prefix: string, attn: string) => {
    add(`${prefix}.${attn}_ln.weight`, [s], F32, 'one');
    add(`${prefix}.${attn}_ln.bias`, [s], F32);
    add(`${prefix}.${attn}.query.weight`, [s, s], F16);
    add(`${prefix}.${attn}.query.bias`, [s], F32);
    add(`${prefix}.${attn}.key.weight`, [s, s], F16);
    add(`${prefix}.${attn}.value.weight`, [s, s], F16);
    add(`${prefix}.${attn}.value.bias`, [s], F32);
    add(`${prefix}.${attn}.out.weight`, [s, s], F16);
    add(`${prefix}.${attn}.out.bias`, [s], F32);
  };
  const mlp = (prefix: string) => {
    add(`${prefix}.mlp_ln.weight`, [s], F32, 'one');
    add(`${prefix}.mlp_ln.bias`, [s], F32);
    add(`${prefix}.mlp.0.weight`, [s, 4 * s], F16);
    add(`${prefix}.mlp.0.bias`, [4 * s], F32);
    add(`${prefix}.mlp.2.weight`, [4 * s, s], F16);
    add(`${prefix}.mlp.2.bias`, [s], F32);
  };
  add('encoder.positional_embedding', [s, shape.nAudioCtx], F32);
  add('encoder.conv1.weight', [3, shape.nMels, s], F16);
  add('encoder.conv1.bias', [1, s], F32);
  add('encoder.conv2.weight', [3, s, s], F16);
  add('encoder.conv2.bias', [1, s], F32);
  add('encoder.ln_post.weight', [s], F32, 'one');
  add('encoder.ln_post.bias', [s], F32);
  for (let i = 0; i < shape.nLayer; i++) {
    mlp(`encoder.blocks.${i}`);
    block(`encoder.blocks.${i}`, 'attn');
  }
  add('decoder.positional_embedding', [s, shape.nTextCtx], F32);
  add('decoder.token_embedding.weight', [s, shape.nVocab], F16);
  add('decoder.ln.weight', [s], F32, 'one');
  add('decoder.ln.bias', [s], F32);
  for (let i = 0; i < shape.nLayer; i++) {
    mlp(`decoder.blocks.${i}`);
    block(`decoder.blocks.${i}`, 'attn');
    block(`decoder.blocks.${i}`, 'cross_attn');
  }
  return specs;
}

function tensorData(spec: TensorSpec, next: () => number): Buffer {
  const count = spec.ne.reduce((a, b) => a * b, 1);
  if (spec.type === F16) {
    // Random sign, exponent 8..12 and mantissa: magnitudes between 2^-7 and 2^-2, never NaN or infinity.
    const out = new Uint16Array(count);
    for (let i = 0; i < count; i++) {
      const r = next();
      out[i] = ((r & 1) << 15) | ((8 + ((r >>> 1) % 5)) << 10) | ((r >>> 4) & 0x3ff);
    }
    return Buffer.from(out.buffer);
  }
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = spec.fill === 'one' ? 1 : ((next() / 0xffffffff) - 0.5) * 0.04;
  return Buffer.from(out.buffer);
}

/** Writes the model and returns its size in bytes. */
export function writeGgmlModel(file: string, shape: WhisperShape, seed = 1): number {
  const next = xorshift(seed);
  const fd = openSync(file, 'w');
  let written = 0;
  const write = (buffer: Buffer) => {
    writeSync(fd, buffer);
    written += buffer.length;
  };
  const int32s = (...values: number[]) => {
    const buffer = Buffer.alloc(values.length * 4);
    values.forEach((value, i) => buffer.writeInt32LE(value, i * 4));
    return buffer;
  };
  try {
    const magic = Buffer.alloc(4);
    magic.writeUInt32LE(0x67676d6c, 0);
    write(magic);
    write(int32s(shape.nVocab, shape.nAudioCtx, shape.nState, shape.nHead, shape.nLayer, shape.nTextCtx, shape.nState, shape.nHead, shape.nLayer, shape.nMels, F16));
    const nFft = 201;
    write(int32s(shape.nMels, nFft));
    const filters = new Float32Array(shape.nMels * nFft);
    for (let i = 0; i < filters.length; i++) filters[i] = (next() / 0xffffffff) * 0.02;
    write(Buffer.from(filters.buffer));
    // Tokens up to <|endoftext|> (50256); whisper.cpp names the rest (specials, timestamps) itself. It looks up the
    // lone space (GPT-2 token 220) by text while decoding, so that one must be real.
    const tokens: Buffer[] = [];
    for (let i = 0; i < 50257; i++) {
      const text = Buffer.from(i === 50256 ? '<|endoftext|>' : i === 220 ? ' ' : ` w${i}`, 'utf8');
      tokens.push(int32s(text.length), text);
    }
    write(int32s(50257));
    write(Buffer.concat(tokens));
    for (const spec of tensorSpecs(shape)) {
      const name = Buffer.from(spec.name, 'utf8');
      write(int32s(spec.ne.length, name.length, spec.type, ...spec.ne));
      write(name);
      write(tensorData(spec, next));
    }
  } finally {
    closeSync(fd);
  }
  return written;
}
