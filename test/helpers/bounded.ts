// A bound on a wait, so a missed event (an fs.watch that never fires, a message that never comes) fails the test
// with a message instead of hanging the suite. Not a speed check: the bound is generous and only guards hangs.
export const HANG_MS = 20_000;

export function within<T>(work: Promise<T>, what: string, ms = HANG_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what} after ${ms} ms`)), ms);
  });
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
}

/** A queue of values pushed by callbacks; `next()` resolves with the next one (bounded). */
export function events<T>(what: string) {
  const queued: T[] = [];
  const waiting: ((v: T) => void)[] = [];
  return {
    push(value: T): void {
      const w = waiting.shift();
      if (w) w(value);
      else queued.push(value);
    },
    next(ms = HANG_MS): Promise<T> {
      if (queued.length) return Promise.resolve(queued.shift()!);
      return within(new Promise<T>((resolve) => waiting.push(resolve)), what, ms);
    },
    get pending(): number {
      return queued.length;
    },
  };
}
