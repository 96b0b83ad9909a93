import { describe, expect, it } from 'vitest';
import { documentedOperations, loadOpenApi } from '../../spec/openapi.ts';
import { ROUTES } from './handlers.ts';

describe('the mock against spec/openapi.yaml', () => {
  it('documents exactly the operations the mock serves', () => {
    const served = ROUTES.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    expect(documentedOperations(loadOpenApi()).sort()).toEqual(served);
  });
});
