import { fileURLToPath } from 'node:url';

/**
 * The folder of the specification's files (requirements, openapi.yaml, semantics.md), apart from
 * the catalogue that reads them so a caller that only needs the path (the mock serving
 * openapi.yaml) does not load ajv and the YAML parser with it.
 */
export const SPEC_DIR = fileURLToPath(new URL('.', import.meta.url));
