// Asks the local share address whether it answers for a link (HEAD, so nothing is rendered or counted as a view).
import { request } from 'node:http';

export function probeLocalLink(port: number, token: string, timeoutMs = 1500): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: `/${token}`, method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.once('timeout', () => req.destroy());
    // Refused or timed out: nothing answers there.
    req.once('error', () => resolve(null));
    req.end();
  });
}
