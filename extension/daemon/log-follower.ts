// Mirrors airlockd's log files into an output channel: the daemon may have been started by another window or by
// `airlock daemon start`, so its log is followed from the file rather than from a pipe we may not own.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export class LogFollower {
  private readonly offsets = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;

  /** `fromEnd`: skip what is already in the file except the last `keepBytes`, so a long log does not flood. */
  constructor(
    private readonly files: string[],
    private readonly append: (text: string) => void,
    private readonly keepBytes = 16 * 1024,
  ) {}

  start(intervalMs = 1_000): void {
    for (const file of this.files) this.offsets.set(file, Math.max(0, this.size(file) - this.keepBytes));
    this.poll();
    this.timer = setInterval(() => this.poll(), intervalMs);
    this.timer.unref?.();
  }

  poll(): void {
    for (const file of this.files) {
      const size = this.size(file);
      let offset = this.offsets.get(file) ?? 0;
      if (size < offset) offset = 0; // Rotated or truncated.
      if (size === offset) continue;
      const length = Math.min(size - offset, 1024 * 1024);
      const buffer = Buffer.alloc(length);
      try {
        const fd = openSync(file, 'r');
        try {
          readSync(fd, buffer, 0, length, offset);
        } finally {
          closeSync(fd);
        }
      } catch {
        continue;
      }
      this.offsets.set(file, offset + length);
      this.append(buffer.toString('utf8'));
    }
  }

  private size(file: string): number {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
