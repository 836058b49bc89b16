// HTTP(S) proxies for hosted providers, from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, lower case too), as
// curl reads them. airlockd is its own process and gets none of VS Code's proxy handling: the extension passes its
// http.proxy settings in these variables (extension/daemon/launcher.ts). This machine is never reached through a
// proxy, and neither is a local provider (the Ollama adapter asks for no proxy at all).
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

const LOOPBACK = /^(localhost|.*\.localhost|127(?:\.\d{1,3}){3}|::1|0\.0\.0\.0)$/i;

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** NO_PROXY: `*`, or entries `host`, `.domain`, `*.domain`, `host:port`, separated by commas or spaces. */
export function bypassed(url: URL, noProxy: string | undefined): boolean {
  const host = hostOf(url);
  if (LOOPBACK.test(host)) return true;
  for (const raw of (noProxy ?? '').split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry)!;
    const name = m[1]!.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (m[2] && m[2] !== defaultPort(url)) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The proxy a request to `url` goes through, or null to go direct. */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | null {
  const pick = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v.trim() !== '');
  const raw = url.protocol === 'https:' ? pick('HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy') : pick('HTTP_PROXY', 'http_proxy');
  if (!raw || bypassed(url, pick('NO_PROXY', 'no_proxy'))) return null;
  try {
    const proxy = new URL(raw.includes('://') ? raw : `http://${raw}`);
    if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') return null;
    return proxy;
  } catch {
    return null;
  }
}

/** The Proxy-Authorization header for credentials in the proxy URL (http://user:pass@proxy:3128). */
export function proxyAuth(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const creds = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(creds).toString('base64')}` };
}

/**
 * An HTTPS agent whose sockets are CONNECT tunnels through `proxy`, TLS end to end with the provider (the proxy sees
 * only the host name). Pooled and kept alive like the direct agents. `strictSSL: false` (VS Code's
 * http.proxyStrictSSL) accepts a certificate the proxy re-signed; only proxied connections are affected.
 */
export class TunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL, private readonly strictSSL: boolean) {
    super({ keepAlive: true });
  }

  override createConnection(options: tls.ConnectionOptions & { host?: string; port?: number }, callback: (err: Error | null, socket?: Duplex) => void): undefined {
    const host = options.host ?? 'localhost';
    const target = `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 443}`;
    const transport = this.proxy.protocol === 'https:' ? https : http;
    const req = transport.request({
      host: this.proxy.hostname, port: this.proxy.port || (this.proxy.protocol === 'https:' ? 443 : 80), method: 'CONNECT', path: target,
      headers: { host: target, ...proxyAuth(this.proxy) }, agent: false,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        callback(Object.assign(new Error(`the proxy ${this.proxy.host} refused CONNECT ${target}: HTTP ${res.statusCode}`), { code: 'EPROXY' }));
        return;
      }
      const secure = tls.connect({ ...options, socket, servername: options.servername ?? (/^[\d.:]+$/.test(host) ? undefined : host), ...(this.strictSSL ? {} : { rejectUnauthorized: false }) });
      const failed = (err: Error): void => callback(err);
      secure.once('error', failed);
      secure.once('secureConnect', () => {
        // From here the HTTP client owns the socket and its errors.
        secure.off('error', failed);
        callback(null, secure);
      });
    });
    req.once('error', (err) => callback(Object.assign(new Error(`the proxy ${this.proxy.host} is unreachable: ${err.message}`), { code: (err as NodeJS.ErrnoException).code })));
    req.end();
    return undefined;
  }
}
