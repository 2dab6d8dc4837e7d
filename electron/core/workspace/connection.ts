// Which storage the workspace is (from settings) and the backend for it: one job, so every other part asks here and
// a settings change (another folder, another bucket) takes effect on the next call.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { HandoffError } from '../../../shared/result';
import type { SettingsStore } from '../library/settings-store';
import type { WorkspaceBackend } from './backend';
import { createFolderBackend } from './folder-backend';
import { createS3Backend, createS3Client, s3KeyRoot, type S3Options } from './s3-backend';

export interface WorkspaceInfo {
  kind: 'folder' | 's3';
  description: string;
  folder: string | null;
  s3: S3Options | null;
  autoPublish: boolean;
}

export function createWorkspaceConnection(deps: { settings: SettingsStore; env: NodeJS.ProcessEnv; dataDir: string }) {
  const { settings } = deps;
  let cached: { signature: string; backend: WorkspaceBackend } | null = null;

  function info(): WorkspaceInfo {
    const s = settings.get();
    const folder = s['workspace.folder'] || path.join(deps.dataDir, 'workspace');
    const s3: S3Options = {
      endpoint: s['workspace.s3.endpoint'],
      bucket: s['workspace.s3.bucket'],
      prefix: s['workspace.s3.prefix'],
      region: s['workspace.s3.region'],
      pathStyle: s['workspace.s3.pathStyle'],
    };
    const kind = s['workspace.kind'];
    return {
      kind,
      description: kind === 'folder' ? folder : `s3://${s3.bucket}/${s3.prefix}${s3.endpoint ? ` at ${s3.endpoint}` : ''}`,
      folder: kind === 'folder' ? folder : null,
      s3: kind === 's3' ? s3 : null,
      autoPublish: s['workspace.autoPublish'],
    };
  }

  function backend(): WorkspaceBackend {
    const current = info();
    const signature = JSON.stringify([current.kind, current.folder, current.s3]);
    if (cached?.signature === signature) return cached.backend;
    cached?.backend.close();
    let made: WorkspaceBackend;
    if (current.kind === 'folder') {
      // The default workspace is created on first use, so a single machine works with no setup.
      mkdirSync(current.folder as string, { recursive: true });
      made = createFolderBackend(current.folder as string);
    } else {
      if (!current.s3?.bucket) throw new HandoffError('invalid-input', 'The S3 workspace has no bucket: run `handoff workspace use-s3`.');
      made = createS3Backend(current.s3, deps.env);
    }
    cached = { signature, backend: made };
    return made;
  }

  /** On an S3 workspace: its bucket, key prefix and a new client for it (the caller destroys it); null on a folder. */
  async function s3Access(): Promise<{ client: S3Client; bucket: string; prefix: string; publicBase: string | null } | null> {
    const current = info();
    if (current.kind !== 's3' || !current.s3) return null;
    if (!current.s3.bucket) throw new HandoffError('invalid-input', 'The S3 workspace has no bucket: run `handoff workspace use-s3`.');
    const publicBase = settings.get()['workspace.s3.publicUrl'] || null;
    return { client: await createS3Client(current.s3, deps.env), bucket: current.s3.bucket, prefix: s3KeyRoot(current.s3.prefix), publicBase };
  }

  return { info, backend, s3Access, close: () => cached?.backend.close() };
}
export type WorkspaceConnection = ReturnType<typeof createWorkspaceConnection>;
