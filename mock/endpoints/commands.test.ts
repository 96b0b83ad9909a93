import { describe, expect, it } from 'vitest';
import { execute, keyOf, type Session } from './commands.ts';

/** Runs one command given as strings and returns the raw reply as text. */
function run(data: Map<string, Buffer>, ...args: string[]): string {
  const session: Session = { id: 7, name: '', libName: '', libVer: '' };
  return execute(args.map((a) => Buffer.from(a, 'latin1')), data, session).reply.toString('latin1');
}

describe('endpoint commands', () => {
  it('answers PING and ECHO', () => {
    const d = new Map<string, Buffer>();
    expect(run(d, 'PING')).toBe('+PONG\r\n');
    expect(run(d, 'ping', 'hi')).toBe('$2\r\nhi\r\n');
    expect(run(d, 'PING', 'a', 'b')).toBe("-ERR wrong number of arguments for 'ping' command\r\n");
    expect(run(d, 'Echo', '')).toBe('$0\r\n\r\n');
  });

  it('SET, GET and DEL work on the data map, with latin1 keys', () => {
    const d = new Map<string, Buffer>();
    expect(run(d, 'SET', 'k\xff', 'v')).toBe('+OK\r\n');
    expect(d.get(keyOf(Buffer.from([0x6b, 0xff])))).toEqual(Buffer.from('v'));
    expect(run(d, 'GET', 'k\xff')).toBe('$1\r\nv\r\n');
    expect(run(d, 'GET', 'missing')).toBe('$-1\r\n');
    run(d, 'SET', 'other', 'x');
    expect(run(d, 'DEL', 'k\xff', 'k\xff', 'other', 'missing')).toBe(':2\r\n');
    expect(d.size).toBe(0);
  });

  it('SET supports NX, XX, GET and KEEPTTL, and refuses options it cannot honour', () => {
    const d = new Map<string, Buffer>();
    expect(run(d, 'SET', 'k', '1', 'XX')).toBe('$-1\r\n');
    expect(run(d, 'SET', 'k', '1', 'nx')).toBe('+OK\r\n');
    expect(run(d, 'SET', 'k', '2', 'NX')).toBe('$-1\r\n');
    expect(run(d, 'SET', 'k', '3', 'XX', 'GET')).toBe('$1\r\n1\r\n');
    expect(run(d, 'SET', 'k', '4', 'NX', 'GET')).toBe('$1\r\n3\r\n');
    expect(run(d, 'SET', 'k', '5', 'KEEPTTL')).toBe('+OK\r\n');
    for (const opts of [['EX', '10'], ['PX', '1'], ['NX', 'XX'], ['bogus']]) {
      expect(run(d, 'SET', 'k', '6', ...opts), opts.join(' ')).toBe('-ERR syntax error\r\n');
    }
    expect(d.get('k')!.toString()).toBe('5');
  });

  it('refuses wrong arity with the Redis message', () => {
    const d = new Map<string, Buffer>();
    expect(run(d, 'GET')).toBe("-ERR wrong number of arguments for 'get' command\r\n");
    expect(run(d, 'SET', 'k')).toBe("-ERR wrong number of arguments for 'set' command\r\n");
    expect(run(d, 'DEL')).toBe("-ERR wrong number of arguments for 'del' command\r\n");
    expect(run(d, 'ECHO', 'a', 'b')).toBe("-ERR wrong number of arguments for 'echo' command\r\n");
    expect(run(d, 'CLIENT', 'SETNAME')).toBe("-ERR wrong number of arguments for 'client|setname' command\r\n");
  });

  it('refuses unknown commands, including names that are object keys in JavaScript', () => {
    const d = new Map<string, Buffer>();
    for (const name of ['FLUSHALL', 'constructor', '__proto__', 'toString']) {
      expect(run(d, name)).toBe(`-ERR unknown command '${name}'\r\n`);
    }
    expect(run(d, 'bad\r\nname\xff')).toBe("-ERR unknown command 'bad\\x0d\\x0aname\\xff'\r\n");
    expect(run(d, 'x'.repeat(1000))).toBe(`-ERR unknown command '${'x'.repeat(128)}'\r\n`);
  });

  it('answers the handshake commands client libraries send', () => {
    const d = new Map<string, Buffer>();
    expect(run(d, 'HELLO', '3')).toBe('-NOPROTO unsupported protocol version\r\n');
    expect(run(d, 'HELLO', 'three')).toBe('-ERR Protocol version is not an integer or out of range\r\n');
    expect(run(d, 'HELLO', '2', 'AUTH', 'default', 'pw')).toBe('-ERR syntax error\r\n');
    expect(run(d, 'HELLO', '2')).toContain('$5\r\nproto\r\n:2\r\n');
    expect(run(d, 'CLIENT', 'SETINFO', 'LIB-NAME', 'ioredis')).toBe('+OK\r\n');
    expect(run(d, 'CLIENT', 'SETINFO', 'lib-ver', '6.0.0')).toBe('+OK\r\n');
    expect(run(d, 'CLIENT', 'SETINFO', 'LIB-COLOR', 'x')).toBe("-ERR Unrecognized option 'LIB-COLOR'\r\n");
    expect(run(d, 'CLIENT', 'SETNAME', 'app')).toBe('+OK\r\n');
    expect(run(d, 'CLIENT', 'SETNAME', 'a b')).toMatch(/^-ERR Client names cannot contain spaces/);
    expect(run(d, 'CLIENT', 'KILL', 'x')).toBe("-ERR unknown subcommand 'KILL'. Try CLIENT HELP.\r\n");
    expect(run(d, 'SELECT', '0')).toBe('+OK\r\n');
    expect(run(d, 'SELECT', '1')).toBe('-ERR DB index is out of range\r\n');
    expect(run(d, 'SELECT', 'x')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(run(d, 'COMMAND')).toBe('*0\r\n');
    expect(run(d, 'COMMAND', 'DOCS', 'get')).toBe('*0\r\n');
    expect(run(d, 'COMMAND', 'COUNT')).toBe(':0\r\n');
  });

  it('keeps what CLIENT SETNAME and SETINFO said in the session', () => {
    const s: Session = { id: 3, name: '', libName: '', libVer: '' };
    const ex = (...a: string[]) => execute(a.map((x) => Buffer.from(x)), new Map(), s).reply.toString();
    expect(ex('CLIENT', 'GETNAME')).toBe('$-1\r\n');
    ex('CLIENT', 'SETNAME', 'worker-1');
    ex('CLIENT', 'SETINFO', 'LIB-NAME', 'ioredis');
    expect(ex('CLIENT', 'GETNAME')).toBe('$8\r\nworker-1\r\n');
    expect(ex('CLIENT', 'ID')).toBe(':3\r\n');
    expect(s).toMatchObject({ name: 'worker-1', libName: 'ioredis' });
  });

  it('INFO carries the server section clients read, and the keyspace', () => {
    const d = new Map([['a', Buffer.from('1')]]);
    const all = run(d, 'INFO');
    expect(all).toContain('# Server\r\nredis_version:7.4.0\r\n');
    expect(all).toContain('loading:0\r\n');
    expect(all).toContain('db0:keys=1,');
    expect(run(d, 'INFO', 'server')).not.toContain('Keyspace');
  });

  it('QUIT answers OK and asks for the connection to close', () => {
    const out = execute([Buffer.from('QUIT')], new Map(), { id: 1, name: '', libName: '', libVer: '' });
    expect(out).toEqual({ reply: Buffer.from('+OK\r\n'), close: true });
  });
});
