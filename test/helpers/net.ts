// A free TCP port on 127.0.0.1 for a server that cannot bind port 0 and report its port (code-server, simulators
// started by another process). Shared by the unit tests, the e2e harness and the bench.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
