import { request as httpRequest, Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { TargetUnreachable, type Answer, type Target } from './target.ts';
import { untrustedCertificate } from './trust.ts';

export interface HttpTargetOptions {
  readonly url: string;
  readonly controlUrl?: string;
  /** The REST API over plain HTTP, for the `http_support` check. */
  readonly plainUrl?: string;
  readonly user?: string;
  readonly password?: string;
  /** PEM of the CA (or self-signed certificate) to trust. */
  readonly ca?: string;
  /** Accept any certificate (a lab cluster's self-signed one, without --ca). */
  readonly insecure?: boolean;
  /** Per request; a stalled target fails the request, never hangs the run. */
  readonly timeoutMs?: number;
  /** At most this many requests per second (0: no limit). */
  readonly rateLimit?: number;
}

/**
 * Why a request found no answer, in one line. An untrusted certificate is the usual first
 * meeting with a real cluster (its certificate is self-signed), so it says what to do about it.
 */
function unreachable(method: string, url: URL, e: NodeJS.ErrnoException): TargetUnreachable {
  const untrusted = untrustedCertificate(e, `${method} ${url}`);
  return new TargetUnreachable(untrusted ?? `${method} ${url}: ${[e.code, e.message].filter(Boolean).join(' ')}`, untrusted !== undefined);
}

/** Connections kept open to each of the target's addresses. */
const MAX_SOCKETS = 4;

/** The TCP port of a URL, the scheme's default where it names none. */
const portOf = (url: string) => {
  const u = new URL(url);
  return u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
};

/** A target over real HTTP(S): the mock server, an emulator or a real cluster. */
export function httpTarget(o: HttpTargetOptions): Target {
  const auth = o.user !== undefined ? `Basic ${Buffer.from(`${o.user}:${o.password ?? ''}`).toString('base64')}` : undefined;
  const tls = { ...(o.ca ? { ca: o.ca } : {}), rejectUnauthorized: !o.insecure };
  // Reads go on kept-alive connections. A change goes on a connection of its own: it must never
  // be sent twice (a second create makes a second database), so it must never go out on a kept-alive
  // connection the target may have closed already. TLS sessions are still resumed.
  const agents = {
    read: { http: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }), https: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS, ...tls }) },
    write: { http: new HttpAgent({ keepAlive: false }), https: new HttpsAgent({ keepAlive: false, ...tls }) },
  };
  let next = 0;
  const pace = async () => {
    if (!o.rateLimit) return;
    const wait = next - Date.now();
    next = Math.max(next, Date.now()) + 1000 / o.rateLimit;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };

  const send = async (base: string, method: string, path: string, body?: unknown): Promise<Answer> => {
    await pace();
    const url = new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
    const secure = url.protocol === 'https:';
    const payload = body === undefined ? undefined : JSON.stringify(body);
    // A kept-alive connection the target closed while this process was busy (its FIN not read yet)
    // fails at once with ECONNRESET. A read is then sent again (what Node's documentation of
    // `reusedSocket` advises) — on the next kept-alive connection, which may be as stale, so up to
    // one more time than the pool holds; then on a new one. A change never is: it went out alone.
    const read = method === 'GET' || method === 'HEAD';
    const agent = (read ? agents.read : agents.write)[secure ? 'https' : 'http'];
    const attempt = (again: number): Promise<Answer> => new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (auth) headers.authorization = auth;
      if (payload !== undefined) headers['content-type'] = 'application/json';
      const req = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent, timeout: o.timeoutMs ?? 10_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new TargetUnreachable(`${method} ${url}: ${e.message}`)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch {
            reject(new TargetUnreachable(`${method} ${url} answered ${res.statusCode} with a body that is not JSON: ${text.slice(0, 80)}`));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs ?? 10_000} ms`)));
      req.on('error', (e) => {
        if (again > 0 && req.reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET') attempt(again - 1).then(resolve, reject);
        else reject(unreachable(method, url, e as NodeJS.ErrnoException));
      });
      req.end(payload);
    });
    return attempt(read ? MAX_SOCKETS + 1 : 0);
  };

  return {
    description: o.url,
    ports: [o.url, o.controlUrl, o.plainUrl].filter((u): u is string => u !== undefined).map(portOf),
    api: (method, path, body) => send(o.url, method, path, body),
    ...(o.controlUrl ? { control: (method: string, path: string, body?: unknown) => send(o.controlUrl!, method, path, body) } : {}),
    host: send,
    ...(o.plainUrl ? { plain: (method: string, path: string, body?: unknown) => send(o.plainUrl!, method, path, body) } : {}),
    async close() {
      for (const a of [agents.read, agents.write]) {
        a.http.destroy();
        a.https.destroy();
      }
    },
  };
}
