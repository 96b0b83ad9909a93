import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export const CREDENTIALS = { username: 'admin@example.com', password: 'secret' } as const;
export const AUTH = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

export interface SendOptions {
  readonly method?: string;
  /** A JSON body (sent with its content type) or raw text/bytes (headers as given). */
  readonly json?: unknown;
  readonly body?: string | Uint8Array;
  readonly headers?: Record<string, string>;
  /** Basic credentials: the good ones by default, none with null. */
  readonly auth?: string | null;
  readonly agent?: HttpAgent | HttpsAgent;
  readonly timeoutMs?: number;
  /** Send the body in two parts, this many ms apart (so the server reads it across turns of its event loop). */
  readonly splitBodyMs?: number;
}

/** Agents that keep connections open; the HTTPS one accepts the mock's self-signed certificate. */
export const agents = (maxSockets = 16) => ({
  http: new HttpAgent({ keepAlive: true, maxSockets }),
  https: new HttpsAgent({ keepAlive: true, maxSockets, rejectUnauthorized: false }),
});

/** One request; rejects on a connection error or after `timeoutMs`, never hangs. */
export function send(url: string, o: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const secure = url.startsWith('https:');
    const headers: Record<string, string> = { ...o.headers };
    const auth = o.auth === undefined ? AUTH : o.auth;
    if (auth) headers.authorization = auth;
    let payload: string | Uint8Array | undefined = o.body;
    if (o.json !== undefined) {
      payload = JSON.stringify(o.json);
      headers['content-type'] ??= 'application/json';
    }
    if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      { method: o.method ?? 'GET', headers, ...(o.agent ? { agent: o.agent } : {}), ...(secure ? { rejectUnauthorized: false } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.setTimeout(o.timeoutMs ?? 10_000, () => req.destroy(new Error(`no answer within ${o.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    if (payload === undefined) return void req.end();
    const bytes = Buffer.from(payload);
    if (o.splitBodyMs === undefined || bytes.length < 2) return void req.end(bytes);
    const half = bytes.length >> 1;
    req.write(bytes.subarray(0, half));
    setTimeout(() => req.end(bytes.subarray(half)), o.splitBodyMs);
  });
}

export const parse = (r: Reply): any => (r.text ? JSON.parse(r.text) : undefined);
