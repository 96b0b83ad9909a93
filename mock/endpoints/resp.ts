/**
 * RESP2 request parsing and reply encoding for the database endpoint.
 *
 * Strict on purpose: the endpoint faces real client libraries, and a lenient parser would hide
 * client bugs the real proxy would report. Bounded on purpose: every length is checked when its
 * header arrives, before the body is buffered, so a hostile or broken peer cannot make the mock
 * hold more than one command's worth of declared bytes.
 */

export interface RespLimits {
  /** Largest bulk string (one argument), in bytes. */
  maxBulk: number;
  /** Most arguments in one multibulk command. */
  maxArray: number;
  /** Longest inline command line, in bytes (Redis: PROTO_INLINE_MAX_SIZE, 64 KiB). */
  maxInline: number;
  /** Sum of the declared bulk lengths of one command, so maxArray × maxBulk is never buffered. */
  maxCommand: number;
}

export const DEFAULT_LIMITS: Readonly<RespLimits> = {
  maxBulk: 1024 * 1024,
  maxArray: 1024,
  maxInline: 64 * 1024,
  maxCommand: 8 * 1024 * 1024,
};

/** A valid `*N` or `$N` header is at most a sign and 19 digits; anything longer is garbage. */
const MAX_HEADER_LINE = 32;

export type ParseResult =
  /** `args` empty: a blank inline line or `*0`/`*-1`, which Redis skips without a reply. */
  | { kind: 'command'; args: Buffer[]; next: number }
  /** Nothing can be decided until the buffer holds at least `need` bytes. */
  | { kind: 'incomplete'; need: number }
  | { kind: 'error'; message: string };

const CR = 13;
const LF = 10;

/** A strict decimal: optional '-', digits, no leading '+', spaces or empty string. */
function parseDecimal(line: Buffer): number | undefined {
  const s = line.toString('latin1');
  return /^-?\d{1,19}$/.test(s) ? Number(s) : undefined;
}

const fail = (message: string): ParseResult => ({ kind: 'error', message: `Protocol error: ${message}` });

/** Finds the CRLF-terminated line at `start`; `undefined` until the CRLF has arrived. */
function lineAt(buf: Buffer, start: number, end: number): number | undefined {
  const cr = buf.indexOf(CR, start);
  if (cr === -1 || cr >= end) return undefined;
  if (cr + 1 >= end) return undefined; // the LF may be in the next chunk
  return buf[cr + 1] === LF ? cr : -1;
}

/**
 * Parses one command from `buf[offset, end)`. Pure: the caller keeps the buffer and re-calls with
 * more data when the result is `incomplete`.
 */
export function parseCommand(buf: Buffer, offset: number, end: number, limits: RespLimits = DEFAULT_LIMITS): ParseResult {
  if (offset >= end) return { kind: 'incomplete', need: offset + 1 };
  return buf[offset] === 0x2a /* '*' */ ? parseMultibulk(buf, offset, end, limits) : parseInline(buf, offset, end, limits);
}

function parseMultibulk(buf: Buffer, offset: number, end: number, limits: RespLimits): ParseResult {
  const headerEnd = lineAt(buf, offset, end);
  if (headerEnd === -1) return fail('expected CRLF after multibulk length');
  if (headerEnd === undefined) {
    return end - offset > MAX_HEADER_LINE ? fail('too big mbulk count string') : { kind: 'incomplete', need: end + 1 };
  }
  if (headerEnd - offset > MAX_HEADER_LINE) return fail('too big mbulk count string');
  const count = parseDecimal(buf.subarray(offset + 1, headerEnd));
  if (count === undefined || count > limits.maxArray) return fail('invalid multibulk length');
  let pos = headerEnd + 2;
  // Redis accepts and ignores `*0` and `*-1` (clients never send them, but a strict mock should not reply).
  if (count <= 0) return { kind: 'command', args: [], next: pos };

  const args: Buffer[] = [];
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (pos >= end) return { kind: 'incomplete', need: pos + 1 };
    if (buf[pos] !== 0x24 /* '$' */) return fail(`expected '$', got '${printable(buf[pos]!)}'`);
    const lenEnd = lineAt(buf, pos, end);
    if (lenEnd === -1) return fail('expected CRLF after bulk length');
    if (lenEnd === undefined) {
      return end - pos > MAX_HEADER_LINE ? fail('too big bulk count string') : { kind: 'incomplete', need: end + 1 };
    }
    if (lenEnd - pos > MAX_HEADER_LINE) return fail('too big bulk count string');
    const len = parseDecimal(buf.subarray(pos + 1, lenEnd));
    if (len === undefined || len < 0 || len > limits.maxBulk) return fail('invalid bulk length');
    declared += len;
    if (declared > limits.maxCommand) return fail('command too large');
    const start = lenEnd + 2;
    // Waiting for a body: say exactly how much is needed so the reader does not re-parse per chunk.
    if (start + len + 2 > end) return { kind: 'incomplete', need: start + len + 2 };
    if (buf[start + len] !== CR || buf[start + len + 1] !== LF) return fail('expected CRLF after bulk data');
    args.push(Buffer.from(buf.subarray(start, start + len))); // a copy: the reader reuses its buffer
    pos = start + len + 2;
  }
  return { kind: 'command', args, next: pos };
}

/** Inline commands (`PING\r\n` typed into telnet): split on spaces and tabs, LF or CRLF ends the line. */
function parseInline(buf: Buffer, offset: number, end: number, limits: RespLimits): ParseResult {
  const lf = buf.indexOf(LF, offset);
  if (lf === -1 || lf >= end) {
    return end - offset > limits.maxInline ? fail('too big inline request') : { kind: 'incomplete', need: end + 1 };
  }
  if (lf - offset > limits.maxInline) return fail('too big inline request');
  const lineEnd = lf > offset && buf[lf - 1] === CR ? lf - 1 : lf;
  const line = buf.subarray(offset, lineEnd);
  if (line.includes(CR)) return fail('unexpected CR in inline request');
  const args = line
    .toString('latin1')
    .split(/[ \t]+/)
    .filter((s) => s.length > 0)
    .map((s) => Buffer.from(s, 'latin1'));
  return { kind: 'command', args, next: lf + 1 };
}

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
}

/** Client bytes quoted in an error line: printable ASCII as is, anything else as \xNN, so the line stays one line of text. */
export function escapeBytes(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) out += printable(byte);
  return out;
}

/**
 * Accumulates TCP chunks and hands out one command at a time, so the connection can stop pulling
 * while its socket is backed up (a pipelined burst of GETs must not turn into unbounded output).
 */
export class RespReader {
  private buf = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  /** From the last `incomplete`: parsing again before this many bytes is wasted work. */
  private need = 0;
  private failed: string | undefined;

  constructor(private readonly limits: RespLimits = DEFAULT_LIMITS) {}

  /** Bytes received and not yet consumed as commands. */
  get pending(): number {
    return this.end - this.start;
  }

  push(chunk: Buffer): void {
    if (this.end + chunk.length > this.buf.length) {
      // Compact, and grow by doubling so a large body arriving in small chunks is copied O(n) times in total.
      const live = this.end - this.start;
      const size = Math.max(this.buf.length * 2, live + chunk.length, 4096);
      const next = live + chunk.length <= this.buf.length ? this.buf : Buffer.allocUnsafe(size);
      this.buf.copy(next, 0, this.start, this.end);
      this.buf = next;
      this.need -= this.start;
      this.end = live;
      this.start = 0;
    }
    chunk.copy(this.buf, this.end);
    this.end += chunk.length;
  }

  /** The next complete command, `undefined` until more bytes arrive, or a protocol error (sticky). */
  next(): { args: Buffer[] } | { error: string } | undefined {
    for (;;) {
      if (this.failed !== undefined) return { error: this.failed };
      if (this.end < this.need || this.start >= this.end) return undefined;
      // A view ending at `end`: the bytes after it are stale or uninitialised and must not be searched.
      const r = parseCommand(this.buf.subarray(0, this.end), this.start, this.end, this.limits);
      if (r.kind === 'incomplete') {
        this.need = r.need;
        return undefined;
      }
      if (r.kind === 'error') {
        this.failed = r.message;
        continue;
      }
      this.start = r.next;
      this.need = 0;
      if (r.args.length > 0) return { args: r.args };
    }
  }
}

// ---- encoders ----

/** Simple strings are written by the mock itself; a CR or LF would corrupt the stream, so refuse. */
export function simple(s: string): Buffer {
  if (/[\r\n]/.test(s)) throw new Error('RESP simple string must not contain CR or LF');
  return Buffer.from(`+${s}\r\n`);
}

/** Errors may quote client input (an unknown command's name): newlines become spaces, as Redis does. */
export function error(message: string): Buffer {
  return Buffer.from(`-${message.replace(/[\r\n]/g, ' ')}\r\n`);
}

export function integer(n: number | bigint): Buffer {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new Error(`RESP integer must be an integer: ${n}`);
  return Buffer.from(`:${n}\r\n`);
}

/** `null` is the RESP2 null bulk (`$-1`), GET's reply for a missing key. */
export function bulk(value: Buffer | string | null): Buffer {
  if (value === null) return Buffer.from('$-1\r\n');
  const body = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([Buffer.from(`$${body.length}\r\n`), body, Buffer.from('\r\n')]);
}

/** `items` are already-encoded replies; `null` is the RESP2 null array (`*-1`). */
export function array(items: readonly Buffer[] | null): Buffer {
  if (items === null) return Buffer.from('*-1\r\n');
  return Buffer.concat([Buffer.from(`*${items.length}\r\n`), ...items]);
}
