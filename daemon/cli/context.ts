// What a CLI command may touch, passed in so commands run the same in a terminal and in tests.
import type { Readable, Writable } from 'node:stream';

export interface CliContext {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Injected clock: decision ids and times come from here. */
  now: () => Date;
}

/** A command is a factory: context in, handler out; the handler returns the exit status. */
export type Command = (ctx: CliContext) => (argv: string[]) => Promise<number>;

export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
