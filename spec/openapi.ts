import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { SPEC_DIR } from './catalog.ts';

type Json = Record<string, any>;

export const loadOpenApi = (): Json => parse(readFileSync(join(SPEC_DIR, 'openapi.yaml'), 'utf8'));

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation the document lists, as `METHOD /path/{param}`. */
export const documentedOperations = (doc: Json): string[] =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks answers against the document: the path and method must be documented, the status must
 * be one the operation lists, and a JSON body must match its schema (an operation that lists no
 * content must answer none). Returns what is wrong, in words; empty when the answer conforms.
 */
export function responseValidator(doc: Json = loadOpenApi()) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'openapi.yaml');
  // Literal paths first, so /v1/nodes/actions is not read as /v1/nodes/{uid}.
  const templates = Object.keys(doc.paths)
    .map((path) => ({ path, params: (path.match(/\{/g) ?? []).length, regex: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
    .sort((a, b) => a.params - b.params);
  const resolve = (r: Json): Json => (r.$ref ? resolve(r.$ref.replace('#/', '').split('/').reduce((o: Json, k: string) => o[k], doc)) : r);
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();

  const check = (method: string, pathname: string, status: number, body: string): string[] => {
    const matching = templates.filter((t) => t.regex.test(pathname));
    const template = matching.find((t) => doc.paths[t.path][method.toLowerCase()]);
    const where = `${method} ${pathname} → ${status}`;
    if (!template) {
      // Outside the API: the only right answer is 404 in the error shape, or 401 before it
      // (credentials are checked before the path: spec/semantics.md, "Error precedence").
      if (status === 404 || status === 401) return check('GET', '/v1/nodes/1', status, body).map((e) => e.replace('GET /v1/nodes/1', `${method} ${pathname}`));
      // A documented path asked with another method: 405 in the error shape (spec/semantics.md, "Error precedence").
      if (status === 405 && matching.length) return check('GET', '/v1/nodes/1', 404, body).map((e) => e.replace('GET /v1/nodes/1 → 404', `${method} ${pathname} → 405`));
      return [`${where}: ${matching.length ? 'the method' : 'the path'} is not documented, so only ${matching.length ? '405, ' : ''}404 (or 401) may answer it`];
    }
    const operation = doc.paths[template.path][method.toLowerCase()];
    const declared = operation.responses[String(status)];
    if (!declared) return [`${where}: status ${status} is not documented`];
    const response = resolve(declared);
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return body === '' ? [] : [`${where}: documented without a body, but one was sent`];
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${where}: the body is not JSON`];
    }
    const ref = `openapi.yaml#/${pointer('paths', template.path, method.toLowerCase(), 'responses', String(status))}`;
    const key = response === declared ? `${ref}/content/application~1json/schema` : `openapi.yaml#${declared.$ref.slice(1)}/content/application~1json/schema`;
    let validate = validators.get(key);
    if (!validate) validators.set(key, (validate = ajv.compile({ $ref: key })));
    return validate(value) ? [] : validate.errors!.map((e) => `${where}: ${e.instancePath || '/'} ${e.message}`);
  };
  return check;
}

/** Checks a value against one of the document's schemas (`components/schemas/<name>`); empty when it conforms. */
export function schemaValidator(doc: Json = loadOpenApi()) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(doc, 'openapi.yaml');
  return (name: string, value: unknown): string[] => {
    const validate = ajv.getSchema(`openapi.yaml#/components/schemas/${name}`);
    if (!validate) return [`${name}: no such schema`];
    return validate(value) ? [] : validate.errors!.map((e) => `${name}: ${e.instancePath || '/'} ${e.message}`);
  };
}
