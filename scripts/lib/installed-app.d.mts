export interface CheckResult {
  check: string;
  ok: boolean;
  detail: string;
}
export function findInstalledApp(root: string, platform: NodeJS.Platform): { binary: string; resourcesDir: string } | null;
export function checkInstalledApp(options: { binary: string; resourcesDir: string; platform: NodeJS.Platform; env?: NodeJS.ProcessEnv }): CheckResult[];
export function checkWorkerCore(options: { binary: string; resourcesDir: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CheckResult>;
export function describeResults(results: CheckResult[]): string;
