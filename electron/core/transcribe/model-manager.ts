// The models folder (<data>/models/ggml-<name>.bin): which models are installed, downloading a known one on explicit
// request, importing a file from disk, and choosing the default. Nothing here downloads on its own.
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { HandoffError } from '../../../shared/result';
import {
  DEFAULT_MODEL_BASE_URL,
  MODEL_NAME_PATTERN,
  NO_MODEL_HINT,
  WHISPER_MODELS,
  findWhisperModel,
  modelFileName,
} from '../../../shared/whisper-models';
import { readGgmlHeader } from './ggml-file';
import { downloadVerified, type DownloadProgress } from './model-download';

export interface ModelEntry {
  name: string;
  known: boolean;
  installed: boolean;
  isDefault: boolean;
  sizeBytes: number | null;
  description: string;
  path: string | null;
}

export interface ModelManagerDeps {
  modelsDir: string;
  /** The `transcription.model` and `transcription.modelBaseUrl` settings, read on every call (they can change). */
  getSettings(): { model: string; baseUrl: string };
  setDefaultModel(name: string): void;
  fetchImpl?: typeof fetch;
}

export function createModelManager(deps: ModelManagerDeps) {
  const pathFor = (name: string) => path.join(deps.modelsDir, modelFileName(name));

  async function installedNames(): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const names = await readdir(deps.modelsDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const file of names) {
      const match = /^ggml-(.+)\.bin$/.exec(file);
      if (!match || !MODEL_NAME_PATTERN.test(match[1])) continue;
      const info = await stat(path.join(deps.modelsDir, file)).catch(() => null);
      if (info?.isFile()) found.set(match[1], info.size);
    }
    return found;
  }

  /** The model transcription uses: the chosen one if installed, else the first installed in catalogue order. */
  async function resolveDefault(): Promise<{ name: string; path: string } | null> {
    const installed = await installedNames();
    const chosen = deps.getSettings().model;
    if (chosen && installed.has(chosen)) return { name: chosen, path: pathFor(chosen) };
    const known = WHISPER_MODELS.find((model) => installed.has(model.name));
    const name = known?.name ?? [...installed.keys()].sort()[0];
    return name ? { name, path: pathFor(name) } : null;
  }

  async function list(): Promise<ModelEntry[]> {
    const installed = await installedNames();
    const current = (await resolveDefault())?.name ?? null;
    const entries: ModelEntry[] = WHISPER_MODELS.map((model) => ({
      name: model.name,
      known: true,
      installed: installed.has(model.name),
      isDefault: model.name === current,
      sizeBytes: installed.get(model.name) ?? model.sizeBytes,
      description: model.description,
      path: installed.has(model.name) ? pathFor(model.name) : null,
    }));
    for (const [name, size] of installed) {
      if (findWhisperModel(name)) continue;
      entries.push({ name, known: false, installed: true, isDefault: name === current, sizeBytes: size, description: 'imported', path: pathFor(name) });
    }
    return entries;
  }

  async function download(name: string, options: { signal?: AbortSignal; onProgress?: (progress: DownloadProgress) => void } = {}) {
    const model = findWhisperModel(name);
    if (!model) {
      throw new HandoffError('not-found', `Unknown model ${name}. Known models: ${WHISPER_MODELS.map((m) => m.name).join(', ')}.`);
    }
    await mkdir(deps.modelsDir, { recursive: true });
    const target = pathFor(name);
    const existing = await stat(target).catch(() => null);
    if (existing?.size === model.sizeBytes) return { name, path: target, resumedFrom: model.sizeBytes };
    const base = (deps.getSettings().baseUrl || DEFAULT_MODEL_BASE_URL).replace(/\/+$/, '');
    const result = await downloadVerified({
      url: `${base}/${model.file}`,
      target,
      sizeBytes: model.sizeBytes,
      sha256: model.sha256,
      signal: options.signal,
      onProgress: options.onProgress,
      fetchImpl: deps.fetchImpl,
    });
    return { name, path: target, resumedFrom: result.resumedFrom };
  }

  /** Copies a ggml file into the models folder (temp + rename), after checking it really is a Whisper model. */
  async function importFile(file: string, requestedName?: string) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new HandoffError('not-found', `No such file: ${file}`);
    const check = await readGgmlHeader(file);
    if (!check.ok) throw new HandoffError('invalid-input', `${path.basename(file)} is not a Whisper ggml model: ${check.reason}.`);
    const base = path.basename(file);
    const name = requestedName ?? /^ggml-(.+)\.bin$/.exec(base)?.[1] ?? base.replace(/\.[^.]+$/, '');
    if (!MODEL_NAME_PATTERN.test(name)) throw new HandoffError('invalid-input', `Not a usable model name: ${name}`);
    await mkdir(deps.modelsDir, { recursive: true });
    const target = pathFor(name);
    const temp = `${target}.import-${process.pid}`;
    try {
      await copyFile(file, temp);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { name, path: target, sizeBytes: info.size };
  }

  async function use(name: string) {
    const installed = await installedNames();
    if (!installed.has(name)) {
      const how = findWhisperModel(name) ? `download it with \`handoff models download ${name}\`` : 'import it with `handoff models import FILE`';
      throw new HandoffError('not-found', `The model ${name} is not installed: ${how}.`);
    }
    deps.setDefaultModel(name);
    return { name, path: pathFor(name) };
  }

  return { list, download, importFile, use, resolveDefault, pathFor, noModelHint: NO_MODEL_HINT };
}

export type ModelManager = ReturnType<typeof createModelManager>;
