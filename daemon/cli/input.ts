// Text input for the CLI: bytes must be UTF-8; anything else is refused with a clear error, never mangled.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AirlockError } from '../../protocol';
import { MAX_PROMPT_CHARS } from '../detect';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AirlockError('AIRLOCK_E_INPUT', `${what} is not valid UTF-8 text (binary data?)`);
  }
}

/** The most bytes one prompt (or one `scan --jsonl` line) may take: 10 Mi characters at up to 3 UTF-8 bytes each. */
export const MAX_INPUT_BYTES = MAX_PROMPT_CHARS * 3;

export async function readAll(stream: Readable, limitBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limitBytes) throw new AirlockError('AIRLOCK_E_INPUT_TOO_LARGE', `input is over ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export async function readTextFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new AirlockError('AIRLOCK_E_INPUT', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return decodeUtf8(bytes, file);
}

/** A line refused by `byteLines` for passing the limit; `prefix` holds its first bytes (to find an id in). */
export interface LineTooLong {
  tooLong: true;
  limitBytes: number;
  prefix: Buffer;
}

const PREFIX_BYTES = 1024;

function prefixOf(parts: readonly Buffer[]): Buffer {
  const head: Buffer[] = [];
  let size = 0;
  for (const part of parts) {
    if (size >= PREFIX_BYTES) break;
    head.push(part);
    size += part.length;
  }
  return Buffer.concat(head).subarray(0, PREFIX_BYTES);
}

/**
 * Splits a byte stream into lines without decoding across line boundaries, so one bad line stays one error.
 * Linear: every byte is searched once and a line is joined once. A line is refused the moment it passes
 * `limitBytes` (the rest of it is skipped unbuffered), and the next line is read as usual.
 */
export async function* byteLines(stream: Readable, limitBytes = MAX_INPUT_BYTES): AsyncGenerator<Buffer | LineTooLong> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    for (let start = 0; start <= buf.length;) {
      const nl = buf.indexOf(0x0a, start);
      const piece = buf.subarray(start, nl === -1 ? buf.length : nl);
      if (!skipping && size + piece.length > limitBytes) {
        yield { tooLong: true, limitBytes, prefix: prefixOf([...parts, piece]) };
        skipping = true;
      }
      if (skipping) {
        parts = [];
        size = 0;
      } else if (piece.length) {
        parts.push(piece);
        size += piece.length;
      }
      if (nl === -1) break;
      if (!skipping) yield parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
      parts = [];
      size = 0;
      skipping = false;
      start = nl + 1;
    }
  }
  if (!skipping && size) yield Buffer.concat(parts, size);
}

/** The prompt of a prompt-taking command: TEXT arguments, or --file, or standard input. */
export async function promptText(file: string | undefined, positionals: string[], stdin: Readable, cwd: string): Promise<string> {
  if (file && positionals.length) throw new AirlockError('AIRLOCK_E_USAGE', 'give the prompt as TEXT or --file, not both');
  if (file) return readTextFile(path.resolve(cwd, file));
  return positionals.length ? positionals.join(' ') : decodeUtf8(await readAll(stdin), 'standard input');
}
