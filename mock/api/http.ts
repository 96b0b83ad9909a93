import type { Rejection } from '../../domain/rejections.ts';
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

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** A refusal in the real API's shape: `{ error_code, description }` with its status. */
export const refuse = (r: Rejection, headers: Record<string, string> = {}): Reply =>
  json(r.status, { error_code: r.error_code, description: r.description }, headers);

const bad = (error_code: string, description: string, status = 400): Rejection => ({ status, error_code, description });

export type Body = { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly rejection: Rejection };

/**
 * Reads a JSON object body. Everything a client can get wrong is a 4xx here: a missing or
 * wrong content type, an oversized body (counted while reading, so a lying Content-Length
 * does not help), text that is not JSON, JSON that is not an object.
 */
export async function readObject(request: ApiRequest, { optional = false } = {}): Promise<Body> {
  const type = request.header('content-type') ?? '';
  const declared = Number(request.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, rejection: bad('request_too_large', `The body is over ${MAX_BODY_BYTES} bytes`, 413) };
  let text: string | null;
  try {
    text = await request.text(MAX_BODY_BYTES);
  } catch (e) {
    // The client went away or broke the framing mid-body: nothing of it is used.
    return { ok: false, rejection: bad('incomplete_body', `The body could not be read to its end: ${(e as Error).message}`) };
  }
  if (text === null) return { ok: false, rejection: bad('request_too_large', `The body is over ${MAX_BODY_BYTES} bytes`, 413) };
  if (text.trim() === '') {
    return optional ? { ok: true, value: {} } : { ok: false, rejection: bad('invalid_json', 'The request needs a JSON object body') };
  }
  if (!/^application\/json\s*(;|$)/i.test(type)) return { ok: false, rejection: bad('invalid_content_type', 'Content-Type must be application/json') };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, rejection: bad('invalid_json', `The body is not valid JSON: ${(e as Error).message}`) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, rejection: bad('invalid_json', 'The body must be a JSON object') };
  }
  if (tooDeep(value, MAX_JSON_DEPTH)) return { ok: false, rejection: bad('invalid_json', `The body nests deeper than ${MAX_JSON_DEPTH} levels`) };
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * Checks a body holds only fields the route knows. Fields a client sends back unchanged (it
 * PUTs what it GOT) are tolerated; a changed read-only field, a field the real API has but
 * this mock does not model (`unsupported`), and an unknown field are refused, each by name.
 */
export function unknownField(
  body: Record<string, unknown>,
  writable: readonly string[],
  current: Record<string, unknown> = {},
  unsupported: readonly string[] = [],
): Rejection | null {
  for (const [key, value] of Object.entries(body)) {
    if (writable.includes(key)) continue;
    // Own properties only: `__proto__` or `toString` must not pass for fields of the resource.
    const known = Object.hasOwn(current, key);
    if (known && JSON.stringify(current[key]) === JSON.stringify(value)) continue;
    if (unsupported.includes(key)) return bad('unsupported_field', `'${key}' is not modelled by this mock`);
    return known
      ? bad('read_only_field', `'${key}' cannot be changed`)
      : bad('unknown_field', `'${key}' is not a field this request accepts`);
  }
  return null;
}
