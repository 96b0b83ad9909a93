import { describe, expect, it } from 'vitest';
import { refusalAgrees } from './profile.ts';

describe('comparing a refusal under each profile', () => {
  it('model: the exact status and error_code', () => {
    expect(refusalAgrees('model', { status: 400, error_code: 'invalid_db_name' }, { status: 400, error_code: 'invalid_db_name' })).toBe(true);
    expect(refusalAgrees('model', { status: 400, error_code: 'invalid_db_name' }, { status: 400, error_code: 'invalid_parameter' })).toBe(false);
    expect(refusalAgrees('model', { status: 406, error_code: 'port_unavailable' }, { status: 409, error_code: 'port_unavailable' })).toBe(false);
  });

  it('documented: a decided code or status by its class only, a documented one exactly', () => {
    // invalid_db_name: code and status decided.
    expect(refusalAgrees('documented', { status: 400, error_code: 'invalid_db_name' }, { status: 422, error_code: 'bad_name' })).toBe(true);
    expect(refusalAgrees('documented', { status: 400, error_code: 'invalid_db_name' }, { status: 500, error_code: 'bad_name' })).toBe(false);
    expect(refusalAgrees('documented', { status: 400, error_code: 'invalid_db_name' }, { status: 400 })).toBe(false);
    // port_unavailable: code documented, status decided.
    expect(refusalAgrees('documented', { status: 406, error_code: 'port_unavailable' }, { status: 409, error_code: 'port_unavailable' })).toBe(true);
    expect(refusalAgrees('documented', { status: 406, error_code: 'port_unavailable' }, { status: 406, error_code: 'port_in_use' })).toBe(false);
    // busy: both documented.
    expect(refusalAgrees('documented', { status: 409, error_code: 'busy' }, { status: 400, error_code: 'busy' })).toBe(false);
    // bdb_not_found: status documented, code decided.
    expect(refusalAgrees('documented', { status: 404, error_code: 'bdb_not_found' }, { status: 404, error_code: 'not_found' })).toBe(true);
    expect(refusalAgrees('documented', { status: 404, error_code: 'bdb_not_found' }, { status: 400, error_code: 'bdb_not_found' })).toBe(false);
  });
});
