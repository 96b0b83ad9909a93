/**
 * Requests broken below the API: in their HTTP framing rather than in their JSON. Built on the
 * requests of ./malformed.ts (a route, a target, headers and a body the API refuses), rendered
 * to raw bytes for a TCP socket, with one defect in the request line, the headers or the
 * framing of the body.
 *
 * Whatever part of such a request the server manages to parse must still be refused, so that
 * no parse can ever change the cluster:
 * - a defect that could let the server read a *different* request than the one generated (a
 *   shorter Content-Length, a version or method the parser is lenient about) is sent without
 *   the right credentials: anything read from it is answered 401;
 * - a defect that leaves the body unfinished (a longer Content-Length, an unterminated or
 *   malformed chunk) carries the right credentials, so the server's body reading is reached,
 *   and the body it cannot finish can never be accepted.
 */
import fc from 'fast-check';
import { badRequest, basic, CREDENTIALS, GOOD_AUTH, type BadRequest } from './malformed/index.ts';

export interface BadWire {
  readonly bytes: Uint8Array;
  /** What is wrong, in words (shown when the server answers it wrongly). */
  readonly why: string;
}

const WRONG_AUTH = basic(`${CREDENTIALS.username}:not-the-password`);
const CRLF = '\r\n';

interface Parts {
  method: string;
  target: string;
  version: string;
  headers: [string, string][];
  body: Buffer;
}

const partsOf = (r: BadRequest, auth: string): Parts => {
  const body = r.body ? Buffer.from(typeof r.body.data === 'string' ? r.body.data : r.body.data) : Buffer.alloc(0);
  // The body's own defect aside, the framing here is the point: bodies are capped small.
  const capped = body.subarray(0, 4096);
  const own = Object.entries(r.headers).filter(([k]) => k.toLowerCase() !== 'authorization');
  const headers: [string, string][] = [['Host', 'cluster.test'], ...own, ['Authorization', auth]];
  if (r.body) headers.push(['Content-Length', String(capped.length)]);
  return { method: r.method, target: r.target, version: 'HTTP/1.1', headers, body: capped };
};

const render = (p: Parts, line?: string): Buffer =>
  Buffer.concat([
    Buffer.from(`${line ?? `${p.method} ${p.target} ${p.version}`}${CRLF}${p.headers.map(([k, v]) => `${k}: ${v}`).join(CRLF)}${CRLF}${CRLF}`, 'latin1'),
    p.body,
  ]);

/** The bytes to send, and what is wrong with them. */
type Broken = [Buffer, string];

const withoutLength = (p: Parts): [string, string][] => p.headers.filter(([k]) => k.toLowerCase() !== 'content-length');

/** Defects of the request line and the headers: sent with wrong credentials. */
const headDefect: fc.Arbitrary<(p: Parts) => Broken> = fc.oneof(
  fc.constantFrom('HTTP/1.2', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1x', 'http/1.1', 'HTTP/1', 'HTTP/11', 'XTTP/1.1', '').map((v) => (p: Parts): Broken => [render({ ...p, version: v }), `version ${JSON.stringify(v)}`]),
  fc.constantFrom('get', 'G\0T', 'GET\t', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'BREW', 'A'.repeat(200), '').map((m) => (p: Parts): Broken => [render({ ...p, method: m }), `method ${JSON.stringify(m.slice(0, 20))}`]),
  fc.constantFrom('*', 'v1/nodes', '/v1/no des', '/v1/\u00ffnodes', '/v1/nodes\0', '//v1//nodes', '/v1/nodes#x', 'http://evil.example/v1/nodes', `/${'a/'.repeat(3000)}`).map((t) => (p: Parts): Broken => [
    render({ ...p, target: t }),
    `target ${JSON.stringify(t.slice(0, 30))}`,
  ]),
  fc.constantFrom('\n', '\r', ' \r\n', '\r\r\n').map((eol) => (p: Parts): Broken => [Buffer.from(render(p).toString('latin1').replaceAll(CRLF, eol), 'latin1'), `line ends ${JSON.stringify(eol)}`]),
  fc
    .constantFrom<[string, string, string]>(
      ['no colon', 'X-Broken', ''],
      ['space before the colon', 'Host ', 'cluster.test'],
      ['a NUL in a value', 'X-Value', 'a\0b'],
      ['a control character in a name', 'X\u0001Name', 'v'],
      ['obsolete line folding', 'X-Folded', `a${CRLF} b`],
      ['a 20 KB header', 'X-Large', 'a'.repeat(20_000)],
      ['an empty name', '', 'v'],
      ['a non-ASCII value', 'X-Value', '\u00ff\u00fe'],
    )
    .map(([why, name, value]) => (p: Parts): Broken => {
      const headers = why === 'no colon' ? p.headers : [...p.headers, [name, value] as [string, string]];
      const head = render({ ...p, headers });
      return [why === 'no colon' ? Buffer.from(head.toString('latin1').replace(CRLF, `${CRLF}X-Broken${CRLF}`), 'latin1') : head, why];
    }),
  fc.integer({ min: 200, max: 3000 }).map((n) => (p: Parts): Broken => [render({ ...p, headers: [...p.headers, ...Array.from({ length: n }, (_, i): [string, string] => [`X-H${i}`, 'v'])] }), `${n} headers`]),
  // Framing that would let a parser read another request than the one sent.
  fc.constantFrom('0', '1', '-1', 'abc', '1e3', ' 12', '0x10', '99999999999999999999').map((cl) => (p: Parts): Broken => [
    render({ ...p, headers: [...withoutLength(p), ['Content-Length', cl]] }),
    `Content-Length ${JSON.stringify(cl)}`,
  ]),
  fc.constant((p: Parts): Broken => [render({ ...p, headers: [...p.headers, ['Content-Length', String(p.body.length + 1)], ['Content-Length', '0']] }), 'two different Content-Lengths']),
  fc.constant((p: Parts): Broken => [render({ ...p, headers: [...p.headers, ['Transfer-Encoding', 'chunked']] }), 'Content-Length and Transfer-Encoding']),
  fc.constantFrom('gzip', 'chunked, gzip', 'identity', 'chunked;x', 'Chunked ').map((te) => (p: Parts): Broken => [
    render({ ...p, headers: [...withoutLength(p), ['Transfer-Encoding', te]] }),
    `Transfer-Encoding ${JSON.stringify(te)}`,
  ]),
  fc.integer({ min: 1, max: 4095 }).map((cut) => (p: Parts): Broken => {
    const bytes = render(p);
    return [bytes.subarray(0, Math.min(cut, bytes.length - 1)), `cut after ${Math.min(cut, bytes.length - 1)} bytes`];
  }),
  fc.uint8Array({ minLength: 1, maxLength: 512 }).map((b) => (): Broken => [Buffer.from(b), 'random bytes']),
);

/** Defects that leave the body unfinished: sent with the right credentials. */
const bodyDefect: fc.Arbitrary<(p: Parts) => Broken> = fc.oneof(
  fc.integer({ min: 1, max: 70_000 }).map((extra) => (p: Parts): Broken => [
    render({ ...p, headers: [...withoutLength(p), ['Content-Length', String(p.body.length + extra)]] }),
    `Content-Length ${extra} bytes more than sent`,
  ]),
  fc.constantFrom('zz', '-1', 'ffffffffffffffffffff', '5;' + 'x'.repeat(20_000), ' ', '0x5').map((size) => (p: Parts): Broken => [
    Buffer.concat([render({ ...p, body: Buffer.alloc(0), headers: [...withoutLength(p), ['Transfer-Encoding', 'chunked']] }), Buffer.from(`${size}${CRLF}`), p.body]),
    `chunk size ${JSON.stringify(size.slice(0, 20))}`,
  ]),
  fc.constant((p: Parts): Broken => [
    Buffer.concat([render({ ...p, body: Buffer.alloc(0), headers: [...withoutLength(p), ['Transfer-Encoding', 'chunked']] }), Buffer.from(`${(p.body.length + 1).toString(16)}${CRLF}`), p.body]),
    'a chunk shorter than its size, no last chunk',
  ]),
);

/** One request broken in its HTTP framing, ending where the bytes end (the sender then closes its side). */
export const badWire: fc.Arbitrary<BadWire> = fc
  .tuple(badRequest.filter((r) => r.body === undefined || !r.body.streamed), fc.boolean())
  .chain(([request, unfinishedBody]) =>
    unfinishedBody && request.body
      ? bodyDefect.map((defect) => defect(partsOf(request, GOOD_AUTH)))
      : headDefect.map((defect) => defect(partsOf(request, WRONG_AUTH))),
  )
  .map(([bytes, why]) => ({ bytes, why }));
