// A Unix-socket proxy in front of airlockd's socket whose daemon → client direction can be paused: a client that
// stops reading, seen from the daemon, while the client under test (the CLI's or the extension's) stays unmodified.
// Unix to Unix, because the handshake binds its proofs to the endpoint dialled ("unix" here, as at the daemon).
import { once } from 'node:events';
import net from 'node:net';
import type { TestContext } from 'node:test';

export interface PausingProxy {
  /** Where it listens. */
  path: string;
  /** Stop taking bytes from the daemon: its send buffer, then its WebSocket backlog, fills. */
  pause(): void;
  /** Forward everything the daemon sent meanwhile, then keep forwarding. */
  resume(): void;
}

export async function pausingProxy(t: TestContext, daemonSocket: string, listenPath: string): Promise<PausingProxy> {
  const links: { up: net.Socket; down: net.Socket }[] = [];
  let paused = false;
  const server = net.createServer((down) => {
    const up = net.connect(daemonSocket);
    links.push({ up, down });
    down.pipe(up);
    if (!paused) up.pipe(down);
    else up.pause();
    const cut = () => {
      up.destroy();
      down.destroy();
    };
    up.on('error', cut);
    down.on('error', cut);
    up.on('close', () => down.end());
    down.on('close', () => up.end());
  });
  server.listen(listenPath);
  await once(server, 'listening');
  t.after(() => {
    for (const { up, down } of links) {
      up.destroy();
      down.destroy();
    }
    server.close();
  });
  return {
    path: listenPath,
    pause() {
      paused = true;
      for (const { up, down } of links) {
        up.unpipe(down);
        up.pause();
      }
    },
    resume() {
      paused = false;
      for (const { up, down } of links) up.pipe(down);
    },
  };
}
