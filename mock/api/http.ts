import { reject, type Rejection } from '../../domain/rejections.ts';
import type { ApiRequest, Reply } from './exchange.ts';

/** Request bodies larger than this are refused unread: nothing the API accepts comes close. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Deeper JSON than this is refused: the API's deepest body has 3 levels, and recursion on deeper input overflows the stack. */
export const MAX_JSON_DEPTH = 16;

/** Whether a parsed JSON value nests deeper than `max`, measured without recursion. */
function tooDeep(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** An answer whose JSON text is already written (by a precompiled serialiser, `views/json.ts`). */
export const jsonText = (status: number, text: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: text,
});

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => jsonText(status, JSON.stringify(body), headers);

/** A refusal in the real API's shape: `{ error_code, description }` with its status. */
export const refuse = (r: Rejection, headers: Record<string, string> = {}): Reply =>
  json(r.status, { error_code: r.error_code, description: r.description }, headers);

export type Body = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly rejection: Rejection };

/**
 * Reads a JSON object body. Everything a client can get wrong is a 4xx here: a missing or
 * wrong content type, an oversized body (counted while reading, so a lying Content-Length
 * does not help), text that is not JSON, JSON that is not an object.
 */
export async function readObject(request: ApiRequest, { optional = false } = {}): Promise<Body> {
  const type = request.header('content-type') ?? '';
  const declared = Number(request.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, rejection: reject.requestTooLarge(MAX_BODY_BYTES) };
  let text: string | null;
  try {
    text = await request.text(MAX_BODY_BYTES);
  } catch (e) {
    // The client went away or broke the framing mid-body: nothing of it is used.
    return { ok: false, rejection: reject.incompleteBody((e as Error).message) };
  }
  if (text === null) return { ok: false, rejection: reject.requestTooLarge(MAX_BODY_BYTES) };
  if (text.trim() === '') {
    return optional ? { ok: true, value: {} } : { ok: false, rejection: reject.invalidJson('The request needs a JSON object body') };
  }
  if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, rejection: reject.invalidContentType() };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, rejection: reject.invalidJson(`The body is not valid JSON: ${(e as Error).message}`) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, rejection: reject.invalidJson('The body must be a JSON object') };
  }
  if (tooDeep(value, MAX_JSON_DEPTH)) return { ok: false, rejection: reject.invalidJson(`The body nests deeper than ${MAX_JSON_DEPTH} levels`) };
  return { ok: true, value: value as Record<string, unknown> };
}

export interface FieldOptions {
  /** The resource as GET shows it: its fields sent back unchanged are tolerated. */
  readonly current?: Record<string, unknown>;
  /** Fields the real API has but this mock does not model. */
  readonly unsupported?: readonly string[];
  /** Where the object sits in the body (`alert_settings.x`), so a field is named by its whole path. */
  readonly within?: string;
}

/**
 * Checks an object of a body holds only fields the route knows. Fields a client sends back
 * unchanged (it PUTs what it GOT) are tolerated; a changed read-only field, an unsupported field
 * and an unknown field are refused, each named exactly as the request spells it.
 */
export function unknownField(body: Record<string, unknown>, writable: readonly string[], options: FieldOptions = {}): Rejection | null {
  const { current = {}, unsupported = [], within } = options;
  for (const [key, value] of Object.entries(body)) {
    if (writable.includes(key)) continue;
    // Own properties only: `__proto__` or `toString` must not pass for fields of the resource.
    const known = Object.hasOwn(current, key);
    if (known && JSON.stringify(current[key]) === JSON.stringify(value)) continue;
    const field = within === undefined ? key : `${within}.${key}`;
    if (unsupported.includes(key)) return reject.unsupportedField(field);
    return known ? reject.readOnlyField(field) : reject.unknownField(field);
  }
  return null;
}

/** The fields a body may hold, nested: `true` for a value, a shape for an object of fields. */
export type Shape = { readonly [field: string]: true | Shape };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `unknownField` at every level of `shape` that the body has as an object, naming a field by its path. */
export function unknownFieldIn(body: Record<string, unknown>, shape: Shape, within?: string): Rejection | null {
  const problem = unknownField(body, Object.keys(shape), within === undefined ? {} : { within });
  if (problem) return problem;
  for (const [key, inner] of Object.entries(shape)) {
    const value = body[key];
    if (inner === true || !isObject(value)) continue;
    const nested = unknownFieldIn(value, inner, within === undefined ? key : `${within}.${key}`);
    if (nested) return nested;
  }
  return null;
}
