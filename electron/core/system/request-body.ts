// Both HTTP servers read a request's whole body before they answer, whatever the answer is. An answer sent while the
// client is still sending (a 401, a 405, a 413) is followed by the socket closing, and the kernel then resets the
// connection under the client's unfinished write: the client sees ECONNRESET instead of the answer. Only what a route
// uses is kept, up to a limit; the rest is read and dropped. A client that never stops is cut by the server's request
// timeout.
import type { IncomingMessage } from 'node:http';

export interface WholeRequest {
  /** The body when it was kept and within the limit; null otherwise. */
  body: Buffer | null;
  /** True when the client sent more than the limit. */
  overLimit: boolean;
}

export function readWholeRequest(req: IncomingMessage, options: { keep: boolean; limit: number }): Promise<WholeRequest> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (options.keep && size <= options.limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    const finish = () => resolve({ body: options.keep && size <= options.limit ? Buffer.concat(chunks) : null, overLimit: size > options.limit });
    req.on('end', finish);
    // An aborted request: nobody reads the answer, but the handler still runs to completion and frees what it holds.
    req.on('error', finish);
    req.on('aborted', finish);
  });
}
