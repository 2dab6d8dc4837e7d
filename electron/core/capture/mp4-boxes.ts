// ISO BMFF (MP4) boxes: reading them out of a buffer and writing new ones, for mp4-join.ts and mp4-moov.ts.
import { HandoffError } from '../../../shared/result';

export interface Box {
  type: string;
  start: number;
  /** Offset of the payload (after size, type and any 64-bit size). */
  body: number;
  end: number;
}

export function boxes(buf: Buffer, start = 0, end = buf.length): Box[] {
  const list: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < body - at || at + size > end) throw joinError(`a ${type} box runs past its parent`);
    list.push({ type, start: at, body, end: at + size });
    at += size;
  }
  return list;
}

/** Reads big-endian fields one after another. */
export class Cursor {
  constructor(
    private readonly buf: Buffer,
    private at: number,
  ) {}
  u32(): number {
    return this.buf.readUInt32BE((this.at += 4) - 4);
  }
  i32(): number {
    return this.buf.readInt32BE((this.at += 4) - 4);
  }
  u64(): number {
    return Number(this.buf.readBigUInt64BE((this.at += 8) - 8));
  }
  skip(bytes: number): void {
    this.at += bytes;
  }
}

export const joinError = (why: string) => new HandoffError('internal', `The segments cannot be joined directly: ${why}.`);

export function child(buf: Buffer, parent: Box, type: string): Box {
  const found = boxes(buf, parent.body, parent.end).find((b) => b.type === type);
  if (!found) throw joinError(`no ${type} in ${parent.type}`);
  return found;
}

export const optionalChild = (buf: Buffer, parent: Box, type: string) => boxes(buf, parent.body, parent.end).find((b) => b.type === type);

export function box(type: string, ...parts: Buffer[]): Buffer {
  const size = 8 + parts.reduce((sum, p) => sum + p.length, 0);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(size);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, ...parts]);
}

export function fullBox(type: string, version: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff));
  return box(type, head, payload);
}

/** Writes `value` (a duration) into a version-0 (32-bit) or version-1 (64-bit) field. */
export function patchDuration(copy: Buffer, versionAt: number, v0Offset: number, v1Offset: number, value: number): void {
  if (copy[versionAt] === 1) copy.writeBigUInt64BE(BigInt(value), v1Offset);
  else copy.writeUInt32BE(Math.min(value, 0xffffffff), v0Offset);
}

