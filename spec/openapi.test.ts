import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { documentedOperations, loadOpenApi, responseValidator } from './openapi.ts';
import { haveSamples, readSample, REAL_SAMPLES, SAMPLES_SKIP_REASON } from './samples.ts';

describe('spec/openapi.yaml', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = loadOpenApi();
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('the response check catches an undocumented status, a wrong shape and a stray body', () => {
    const check = responseValidator();
    const node = { uid: 1, addr: '10.0.0.1', external_addr: [], status: 'active', software_version: '100.0.21-16135', shard_count: 0 };
    expect(check('GET', '/v1/nodes/1', 200, JSON.stringify(node))).toEqual([]);
    expect(check('GET', '/v1/nodes/1', 200, JSON.stringify({ ...node, uid: '1' }))).not.toEqual([]);
    // Open to what a newer cluster adds, but a known field keeps its type.
    expect(check('GET', '/v1/nodes/1', 200, JSON.stringify({ ...node, field_of_a_newer_cluster: { x: 1 } }))).toEqual([]);
    expect(check('GET', '/v1/nodes/1', 200, JSON.stringify({ ...node, cores: '14' }))).not.toEqual([]);
    expect(check('GET', '/v1/nodes/1', 200, JSON.stringify({ uid: 1, addr: '10.0.0.1', external_addr: [], status: 'active' }))).not.toEqual([]);
    expect(check('GET', '/v1/nodes/1', 500, '{}')[0]).toMatch(/not documented/);
    expect(check('GET', '/v1/nodes/1', 404, JSON.stringify({ error_code: 'node_not_found' }))[0]).toMatch(/description/);
    expect(check('PUT', '/v1/nodes/1', 200, '{"x":1}')[0]).toMatch(/without a body/);
    expect(check('GET', '/v1/nodes/actions', 200, JSON.stringify({ actions: [] }))).toEqual([]);
    expect(check('GET', '/v2/nodes', 200, '[]')[0]).toMatch(/path is not documented/);
    expect(check('GET', '/v2/nodes', 404, JSON.stringify({ error_code: 'not_found', description: 'x' }))).toEqual([]);
    expect(check('GET', '/v2/nodes', 404, '{}')).not.toEqual([]);
    expect(check('GET', '/v1/nodes/3/actions/remove', 200, JSON.stringify({ name: 'remove_node', node_uid: '3', status: 'running', progress: 50 }))).toEqual([]);
  });

  it.skipIf(!haveSamples())(`accepts every real answer (skipped when ${SAMPLES_SKIP_REASON})`, () => {
    const check = responseValidator();
    for (const { file, path } of REAL_SAMPLES) expect(check('GET', path, 200, readSample(file)), file).toEqual([]);
  });
});
