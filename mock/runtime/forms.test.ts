import { describe, expect, it } from 'vitest';
import { FORM_NAMES, parseForms } from './forms.ts';

describe('the forms a mock can be asked for', () => {
  it('takes known names once each, and names the first unknown one', () => {
    expect(FORM_NAMES).toContain('sync-join');
    expect(parseForms(['sync-join', 'sync-join'])).toEqual({ ok: true, forms: ['sync-join'] });
    expect(parseForms([])).toEqual({ ok: true, forms: [] });
    expect(parseForms(['sync-join', 'async-everything', 'x'])).toEqual({ ok: false, unknown: 'async-everything' });
    expect(parseForms(['toString'])).toEqual({ ok: false, unknown: 'toString' });
  });
});
