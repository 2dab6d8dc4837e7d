import { IMPORT_CHUNK_BYTES } from '../../../shared/contract/imports';
import type { UploadImports } from '../library/upload-import';
import type { HandlersFor } from './dispatch';

export function importsHandlers(deps: { uploads: UploadImports }): HandlersFor<'imports'> {
  return {
    'imports:begin': async (input) => ({ ...(await deps.uploads.begin(input)), chunkBytes: IMPORT_CHUNK_BYTES }),
    'imports:chunk': (input) => deps.uploads.chunk(input),
    'imports:finish': (input) => deps.uploads.finish(input),
    'imports:cancel': (input) => deps.uploads.cancel(input),
  };
}
