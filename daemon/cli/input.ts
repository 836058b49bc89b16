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

export async function readAll(stream: Readable, limitBytes = MAX_PROMPT_CHARS * 3): Promise<Buffer> {
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

/** Splits a byte stream into lines without decoding across line boundaries, so one bad line stays one error. */
export async function* byteLines(stream: Readable): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    rest = rest.length ? Buffer.concat([rest, buf]) : buf;
    let nl: number;
    while ((nl = rest.indexOf(0x0a)) !== -1) {
      yield rest.subarray(0, nl);
      rest = rest.subarray(nl + 1);
    }
  }
  if (rest.length) yield rest;
}

/** The prompt of a prompt-taking command: TEXT arguments, or --file, or standard input. */
export async function promptText(file: string | undefined, positionals: string[], stdin: Readable, cwd: string): Promise<string> {
  if (file && positionals.length) throw new AirlockError('AIRLOCK_E_USAGE', 'give the prompt as TEXT or --file, not both');
  if (file) return readTextFile(path.resolve(cwd, file));
  return positionals.length ? positionals.join(' ') : decodeUtf8(await readAll(stdin), 'standard input');
}
