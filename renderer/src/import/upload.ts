// Sends a File through the contract in chunks (the renderer never sends paths), then asks the library to import it.
import type { HandoffApi } from '../../../shared/bridge';

/** Bytes → base64 without spreading half a megabyte of arguments onto the stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface ImportProgress {
  phase: 'uploading' | 'converting';
  fraction: number;
}

export async function uploadAndImport(api: HandoffApi, file: File, onProgress: (p: ImportProgress) => void, signal?: AbortSignal) {
  const { uploadId, chunkBytes } = await api.imports.begin({ name: file.name || 'upload', size: file.size });
  const off = api.on('imports:progress', (p) => {
    if (p.uploadId === uploadId) onProgress({ phase: 'converting', fraction: p.fraction });
  });
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      if (signal?.aborted) throw new Error('Import cancelled.');
      const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      await api.imports.chunk({ uploadId, offset, data: toBase64(bytes) });
      onProgress({ phase: 'uploading', fraction: Math.min(1, (offset + bytes.length) / file.size) });
    }
    onProgress({ phase: 'converting', fraction: 0 });
    return await api.imports.finish({ uploadId });
  } catch (error) {
    // The upload is removed on the other side; a finish that failed has already removed it.
    await api.imports.cancel({ uploadId }).catch(() => undefined);
    throw error;
  } finally {
    off();
  }
}
