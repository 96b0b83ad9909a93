import { describe, expect, it } from 'vitest';
import { reword } from './dialect.ts';

describe('the alternate dialect', () => {
  it('words what semantics.md marks decided otherwise, and leaves what is documented', () => {
    // Both decided.
    expect(reword('alternate', 400, { error_code: 'invalid_db_name' })).toEqual({ status: 422, body: { error_code: 'bad_db_name' } });
    // Code documented, status decided.
    expect(reword('alternate', 406, { error_code: 'port_unavailable' })).toEqual({ status: 409, body: { error_code: 'port_unavailable' } });
    // Both documented.
    expect(reword('alternate', 409, { error_code: 'busy' })).toEqual({ status: 409, body: { error_code: 'busy' } });
    // The reference dialect is the model's.
    expect(reword('reference', 400, { error_code: 'invalid_db_name' })).toEqual({ status: 400, body: { error_code: 'invalid_db_name' } });
  });
});
