import { describe, expect, it } from 'vitest';
import { rotationOf } from './rotation.ts';

describe('[CERT-ROT-005] what a rotate request names', () => {
  it('rotates both planes without a name, one plane by its certificate name', () => {
    expect(rotationOf(undefined)).toEqual({ ok: true });
    expect(rotationOf('ccs_internode_encryption')).toEqual({ ok: true, plane: 'control' });
    expect(rotationOf('data_internode_encryption')).toEqual({ ok: true, plane: 'data' });
  });

  it('refuses any other string with 403 and a name that is not a string with 400', () => {
    expect(rotationOf('proxy')).toMatchObject({ ok: false, rejection: { status: 403, error_code: 'unsupported_rotation' } });
    expect(rotationOf('toString')).toMatchObject({ ok: false, rejection: { status: 403 } });
    expect(rotationOf(7)).toMatchObject({ ok: false, rejection: { status: 400, error_code: 'invalid_parameter' } });
    expect(rotationOf(null)).toMatchObject({ ok: false, rejection: { status: 400 } });
  });
});
