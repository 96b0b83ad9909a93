import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, RespReader, array, bulk, error, integer, parseCommand, simple, type RespLimits } from './resp.ts';

const b = (s: string) => Buffer.from(s, 'latin1');
const mb = (...args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`).join('')}`;

/** Feeds the chunks one by one and collects every command (as strings) or the error. */
function drain(chunks: Array<string | Buffer>, limits?: RespLimits): { commands: string[][]; error?: string } {
  const reader = new RespReader(limits);
  const commands: string[][] = [];
  for (const chunk of chunks) {
    reader.push(typeof chunk === 'string' ? b(chunk) : chunk);
    for (let item = reader.next(); item; item = reader.next()) {
      if ('error' in item) return { commands, error: item.error };
      commands.push(item.args.map((a) => a.toString('latin1')));
    }
  }
  return { commands };
}

describe('RESP parsing', () => {
  it('parses one multibulk command and says where the next begins', () => {
    const buf = b(mb('SET', 'k', 'v') + 'tail');
    const r = parseCommand(buf, 0, buf.length);
    expect(r.kind).toBe('command');
    if (r.kind !== 'command') return;
    expect(r.args.map(String)).toEqual(['SET', 'k', 'v']);
    expect(buf.subarray(r.next).toString()).toBe('tail');
  });

  it('is incomplete, never wrong, at every split point of a command', () => {
    const whole = mb('SET', 'key', 'a value\r\nwith CRLF');
    for (let cut = 0; cut <= whole.length; cut++) {
      expect(drain([whole.slice(0, cut), whole.slice(cut)]).commands, `cut at ${cut}`).toEqual([['SET', 'key', 'a value\r\nwith CRLF']]);
    }
  });

  it('survives a command delivered one byte at a time', () => {
    const whole = mb('ECHO', 'x'.repeat(300));
    expect(drain([...whole]).commands).toEqual([['ECHO', 'x'.repeat(300)]]);
  });

  it('hands out pipelined commands in order, including across chunks', () => {
    const stream = mb('PING') + mb('SET', 'a', '1') + 'GET a\r\n' + mb('DEL', 'a', 'b');
    expect(drain([stream.slice(0, 17), stream.slice(17)]).commands).toEqual([['PING'], ['SET', 'a', '1'], ['GET', 'a'], ['DEL', 'a', 'b']]);
  });

  it('keeps bulk strings binary-safe', () => {
    const value = Buffer.from([0, 255, 13, 10, 36, 42, 128]);
    const wire = Buffer.concat([b(`*2\r\n$4\r\nECHO\r\n$${value.length}\r\n`), value, b('\r\n')]);
    const reader = new RespReader();
    reader.push(wire);
    const item = reader.next();
    expect(item && 'args' in item && item.args[1]).toEqual(value);
  });

  it('parses inline commands with LF or CRLF, extra blanks and tabs, and skips blank lines', () => {
    expect(drain(['PING\r\n', '  SET\tk   v \n', '\r\n', '\n', 'GET k\r', '\n']).commands).toEqual([['PING'], ['SET', 'k', 'v'], ['GET', 'k']]);
  });

  it('skips *0 and *-1 without a command, as Redis does', () => {
    expect(drain(['*0\r\n*-1\r\n' + mb('PING')]).commands).toEqual([['PING']]);
  });

  it('recovers any pipeline of binary commands, however the stream is cut', () => {
    const command = fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (commands, cuts) => {
        const wire = Buffer.concat(commands.map((c) => array(c.map((a) => bulk(Buffer.from(a))))));
        const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((x, y) => x - y);
        const chunks = [0, ...points].map((p, i, all) => wire.subarray(p, all[i + 1] ?? wire.length));
        const reader = new RespReader();
        const got: Buffer[][] = [];
        for (const chunk of chunks) {
          reader.push(chunk);
          for (let item = reader.next(); item; item = reader.next()) got.push('args' in item ? item.args : []);
        }
        expect(got).toEqual(commands.map((c) => c.map((a) => Buffer.from(a))));
        expect(reader.pending).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts empty bulk strings', () => {
    expect(drain([mb('SET', 'k', '')]).commands).toEqual([['SET', 'k', '']]);
  });
});

describe('RESP limits', () => {
  const small: RespLimits = { maxBulk: 16, maxArray: 4, maxInline: 32, maxCommand: 40 };

  it('refuses a bulk over the limit from its header, before the body arrives', () => {
    expect(drain([`*2\r\n$4\r\nECHO\r\n$17\r\n`], small).error).toBe('Protocol error: invalid bulk length');
    expect(drain([`*2\r\n$4\r\nECHO\r\n$16\r\n`, 'x'.repeat(16) + '\r\n'], small).commands).toEqual([['ECHO', 'x'.repeat(16)]]);
  });

  it('refuses the default 1 MiB + 1 bulk', () => {
    expect(drain([`*2\r\n$4\r\nECHO\r\n$${DEFAULT_LIMITS.maxBulk + 1}\r\n`]).error).toBe('Protocol error: invalid bulk length');
  });

  it('refuses an array over the limit', () => {
    expect(drain(['*5\r\n'], small).error).toBe('Protocol error: invalid multibulk length');
    expect(drain([`*${DEFAULT_LIMITS.maxArray + 1}\r\n`]).error).toBe('Protocol error: invalid multibulk length');
    expect(drain([mb('DEL', 'a', 'b', 'c')], small).commands).toHaveLength(1);
  });

  it('refuses a command whose bulks add up past the limit, though each fits', () => {
    const head = `*4\r\n$3\r\nSET\r\n$16\r\n${'k'.repeat(16)}\r\n$16\r\n${'v'.repeat(16)}\r\n$16\r\n`;
    expect(drain([head], small).error).toBe('Protocol error: command too large');
  });

  it('refuses an inline line or a header line that never ends', () => {
    expect(drain(['x'.repeat(33)], small).error).toBe('Protocol error: too big inline request');
    expect(drain(['*' + '1'.repeat(40)]).error).toBe('Protocol error: too big mbulk count string');
    expect(drain(['*1\r\n$' + '1'.repeat(40)]).error).toBe('Protocol error: too big bulk count string');
  });

  it('buffers no more than one pending command', () => {
    const reader = new RespReader();
    reader.push(b(mb('PING') + mb('PING') + '*1\r\n$4\r\nPI'));
    reader.next();
    reader.next();
    expect(reader.next()).toBeUndefined();
    expect(reader.pending).toBe('*1\r\n$4\r\nPI'.length);
  });
});

describe('RESP malformed input', () => {
  it.each([
    ['a non-number count', '*x\r\n', 'Protocol error: invalid multibulk length'],
    ['a signed count', '*+1\r\n', 'Protocol error: invalid multibulk length'],
    ['a count with spaces', '* 1\r\n', 'Protocol error: invalid multibulk length'],
    ['something other than a bulk', '*1\r\n:1\r\n', "Protocol error: expected '$', got ':'"],
    ['a binary byte for a bulk', '*1\r\n\x00', "Protocol error: expected '$', got '\\x00'"],
    ['a negative bulk length', '*1\r\n$-1\r\n', 'Protocol error: invalid bulk length'],
    ['a bulk length that is not a number', '*1\r\n$abc\r\n', 'Protocol error: invalid bulk length'],
    ['CR without LF after a count', '*1\rX', 'Protocol error: expected CRLF after multibulk length'],
    ['CR without LF after a bulk length', '*1\r\n$4\rX', 'Protocol error: expected CRLF after bulk length'],
    ['a bulk longer than declared', '*1\r\n$2\r\nPING\r\n', 'Protocol error: expected CRLF after bulk data'],
    ['a lone CR inside an inline line', 'PI\rNG\r\n', 'Protocol error: unexpected CR in inline request'],
  ])('refuses %s', (_what, input, message) => {
    expect(drain([input])).toEqual({ commands: [], error: message });
  });

  it('returns the commands before the bad one, then stays failed', () => {
    const reader = new RespReader();
    reader.push(b(mb('PING') + '*?\r\n' + mb('PING')));
    expect(reader.next()).toEqual({ args: [b('PING')] });
    expect(reader.next()).toEqual({ error: 'Protocol error: invalid multibulk length' });
    reader.push(b(mb('PING')));
    expect(reader.next()).toEqual({ error: 'Protocol error: invalid multibulk length' });
  });
});

describe('RESP encoding', () => {
  it('encodes every RESP2 reply type', () => {
    expect(simple('OK').toString()).toBe('+OK\r\n');
    expect(error('ERR x').toString()).toBe('-ERR x\r\n');
    expect(integer(-3).toString()).toBe(':-3\r\n');
    expect(integer(2n ** 63n - 1n).toString()).toBe(':9223372036854775807\r\n');
    expect(bulk('héllo').toString()).toBe('$6\r\nhéllo\r\n');
    expect(bulk(Buffer.from([0, 13, 10]))).toEqual(Buffer.from('$3\r\n\0\r\n\r\n', 'latin1'));
    expect(bulk(null).toString()).toBe('$-1\r\n');
    expect(array([integer(1), bulk('a'), array([])]).toString()).toBe('*3\r\n:1\r\n$1\r\na\r\n*0\r\n');
    expect(array(null).toString()).toBe('*-1\r\n');
  });

  it('keeps CR and LF out of line replies', () => {
    expect(() => simple('a\r\nb')).toThrow();
    expect(error('ERR bad\r\nname').toString()).toBe('-ERR bad  name\r\n');
    expect(() => integer(1.5)).toThrow();
  });

  it('round-trips what it encodes as a command', () => {
    const wire = array([bulk('SET'), bulk(Buffer.from([1, 2, 3])), bulk('')]);
    const r = parseCommand(wire, 0, wire.length);
    expect(r).toEqual({ kind: 'command', args: [b('SET'), Buffer.from([1, 2, 3]), b('')], next: wire.length });
  });
});
