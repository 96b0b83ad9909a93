/**
 * The commands a database endpoint answers: the data commands the conformance tests use (PING,
 * ECHO, SET, GET, DEL) and the handshake commands client libraries send on connect (HELLO,
 * CLIENT SETINFO/SETNAME, SELECT, INFO, COMMAND, QUIT). Replies and error texts follow Redis 7.4,
 * because client libraries branch on them (ioredis falls back to RESP2 on `NOPROTO`).
 *
 * Pure apart from the data map and the session it is handed; no sockets here.
 */
import { array, bulk, error, escapeBytes, integer, simple } from './resp.ts';

export const REDIS_VERSION = '7.4.0';

/**
 * Keys are byte strings held as latin1 (one char per byte): lossless for any bytes, and an ASCII
 * key reads as itself. UTF-8 decoding would merge distinct invalid byte sequences into U+FFFD.
 */
export const keyOf = (arg: Buffer): string => arg.toString('latin1');

/** Per-connection state: what CLIENT SETNAME / SETINFO recorded, for CLIENT GETNAME and tests. */
export interface Session {
  readonly id: number;
  name: string;
  libName: string;
  libVer: string;
}

export interface Outcome {
  reply: Buffer;
  /** QUIT: the connection closes once the reply is written. */
  close?: boolean;
}

type Handler = (args: Buffer[], data: Map<string, Buffer>, session: Session) => Buffer | Outcome;

/** Redis's arity convention: positive is the exact argc (name included), negative the minimum. */
interface Spec {
  arity: number;
  run: Handler;
}

const OK = simple('OK');
const NULL = bulk(null);
const syntaxError = () => error('ERR syntax error');
const arityError = (name: string) => error(`ERR wrong number of arguments for '${name}' command`);
const upper = (b: Buffer) => b.toString('latin1').toUpperCase();
/** Client names and library tags: printable ASCII without spaces, as Redis checks them. */
const isTag = (s: string) => /^[!-~]*$/.test(s);
/** Quoting client input in an error: bounded, as Redis truncates to 128 bytes, and escaped (Redis sends raw bytes). */
const quote = (b: Buffer) => escapeBytes(b.subarray(0, 128));
const unknownSubcommand = (cmd: string, sub: Buffer) =>
  error(`ERR unknown subcommand '${quote(sub)}'. Try ${cmd} HELP.`);

function set(args: Buffer[], data: Map<string, Buffer>): Buffer {
  let nx = false;
  let xx = false;
  let get = false;
  for (const opt of args.slice(3)) {
    const o = upper(opt);
    if (o === 'NX' && !xx) nx = true;
    else if (o === 'XX' && !nx) xx = true;
    else if (o === 'GET') get = true;
    else if (o === 'KEEPTTL') continue; // keys never have a TTL here, so keeping it is exact
    else return syntaxError(); // EX/PX/EXAT/PXAT: no expiry in this mock, so refuse rather than ignore
  }
  const key = keyOf(args[1]!);
  const old = data.get(key);
  const write = nx ? old === undefined : xx ? old !== undefined : true;
  if (write) data.set(key, args[2]!);
  if (get) return bulk(old ?? null);
  return write ? OK : NULL;
}

function info(args: Buffer[], data: Map<string, Buffer>): Buffer {
  const sections: Record<string, string> = {
    // Clients' ready checks read this (ioredis parses `loading`, redis_version is what tools show).
    server: `# Server\r\nredis_version:${REDIS_VERSION}\r\nredis_mode:standalone\r\n`,
    persistence: '# Persistence\r\nloading:0\r\n',
    keyspace: `# Keyspace\r\n${data.size > 0 ? `db0:keys=${data.size},expires=0,avg_ttl=0\r\n` : ''}`,
  };
  const wanted = args.slice(1).map((a) => a.toString('latin1').toLowerCase());
  const all = wanted.length === 0 || wanted.some((w) => w === 'all' || w === 'default' || w === 'everything');
  const text = Object.entries(sections)
    .filter(([name]) => all || wanted.includes(name))
    .map(([, body]) => body)
    .join('\r\n');
  return bulk(text);
}

/** HELLO [protover [SETNAME name]]: RESP2 only, so any other version gets NOPROTO and the client falls back. */
function hello(args: Buffer[], _data: Map<string, Buffer>, session: Session): Buffer {
  if (args.length > 1) {
    const v = args[1]!.toString('latin1');
    if (!/^-?\d+$/.test(v)) return error('ERR Protocol version is not an integer or out of range');
    if (v !== '2') return error('NOPROTO unsupported protocol version');
  }
  for (let i = 2; i < args.length; i += 2) {
    // AUTH is refused: the mock endpoint has no users, and pretending a login succeeded would hide client config bugs.
    if (upper(args[i]!) !== 'SETNAME' || i + 1 >= args.length) return syntaxError();
    const name = args[i + 1]!.toString('latin1');
    if (!isTag(name)) return error('ERR Client names cannot contain spaces, newlines or special characters.');
    session.name = name;
  }
  const fields: Array<[string, Buffer]> = [
    ['server', bulk('redis')],
    ['version', bulk(REDIS_VERSION)],
    ['proto', integer(2)],
    ['id', integer(session.id)],
    ['mode', bulk('standalone')],
    ['role', bulk('master')],
    ['modules', array([])],
  ];
  return array(fields.flatMap(([k, v]) => [bulk(k), v]));
}

function client(args: Buffer[], _data: Map<string, Buffer>, session: Session): Buffer {
  const sub = upper(args[1]!);
  const exact = (n: number) => args.length === n;
  switch (sub) {
    case 'SETNAME': {
      if (!exact(3)) return arityError('client|setname');
      const name = args[2]!.toString('latin1');
      if (!isTag(name)) return error('ERR Client names cannot contain spaces, newlines or special characters.');
      session.name = name;
      return OK;
    }
    case 'GETNAME':
      if (!exact(2)) return arityError('client|getname');
      return bulk(session.name === '' ? null : session.name);
    case 'ID':
      if (!exact(2)) return arityError('client|id');
      return integer(session.id);
    case 'SETINFO': {
      if (!exact(4)) return arityError('client|setinfo');
      const attr = upper(args[2]!);
      const value = args[3]!.toString('latin1');
      if (attr !== 'LIB-NAME' && attr !== 'LIB-VER') return error(`ERR Unrecognized option '${quote(args[2]!)}'`);
      if (!isTag(value)) return error(`ERR ${attr} cannot contain spaces, newlines or special characters.`);
      if (attr === 'LIB-NAME') session.libName = value;
      else session.libVer = value;
      return OK;
    }
    default:
      return unknownSubcommand('CLIENT', args[1]!);
  }
}

function command(args: Buffer[]): Buffer {
  if (args.length === 1) return array([]);
  const sub = upper(args[1]!);
  // No command table is published: clients only use it for optional features (key extraction, docs).
  if (sub === 'DOCS') return array([]);
  if (sub === 'COUNT') return args.length === 2 ? integer(0) : arityError('command|count');
  return unknownSubcommand('COMMAND', args[1]!);
}

const COMMANDS = new Map<string, Spec>([
  ['ping', { arity: -1, run: (a) => (a.length > 2 ? arityError('ping') : a.length === 2 ? bulk(a[1]!) : simple('PONG')) }],
  ['echo', { arity: 2, run: (a) => bulk(a[1]!) }],
  ['set', { arity: -3, run: set }],
  ['get', { arity: 2, run: (a, d) => bulk(d.get(keyOf(a[1]!)) ?? null) }],
  ['del', { arity: -2, run: (a, d) => integer(a.slice(1).filter((k) => d.delete(keyOf(k))).length) }],
  ['hello', { arity: -1, run: hello }],
  ['client', { arity: -2, run: client }],
  [
    'select',
    {
      arity: 2,
      run: (a) => {
        const idx = a[1]!.toString('latin1');
        if (!/^-?\d+$/.test(idx)) return error('ERR value is not an integer or out of range');
        return Number(idx) === 0 ? OK : error('ERR DB index is out of range'); // a bdb has one keyspace
      },
    },
  ],
  ['info', { arity: -1, run: info }],
  ['command', { arity: -1, run: command }],
  ['quit', { arity: -1, run: () => ({ reply: OK, close: true }) }],
]);

/** Runs one command. Never throws on client input: every refusal is a RESP error reply. */
export function execute(args: Buffer[], data: Map<string, Buffer>, session: Session): Outcome {
  const name = args[0]!.toString('latin1').toLowerCase();
  // A Map, not an object: a command named `constructor` or `__proto__` must be unknown, not a crash.
  const spec = COMMANDS.get(name);
  if (!spec) return { reply: error(`ERR unknown command '${quote(args[0]!)}'`) };
  if (spec.arity > 0 ? args.length !== spec.arity : args.length < -spec.arity) return { reply: arityError(name) };
  const out = spec.run(args, data, session);
  return Buffer.isBuffer(out) ? { reply: out } : out;
}
