import { describe, expect, it } from 'vitest';
import { listMutants } from './enumerate.ts';
import { PRISTINE } from './paths.ts';
import { REQUIREMENT_ID, traces } from './traceability.ts';

const id = (value: string) => ({ type: 'StringLiteral', value });

describe('the traceability ignorer', () => {
  it('tells the meta and reqs properties and requirement IDs from decision logic', () => {
    expect(traces({ type: 'ObjectProperty', key: { type: 'Identifier', name: 'meta' } })).toBe(true);
    expect(traces({ type: 'ObjectProperty', key: { type: 'Identifier', name: 'reqs' } })).toBe(true);
    expect(traces({ type: 'ObjectProperty', key: { type: 'Identifier', name: 'guard' } })).toBe(false);
    expect(traces({ type: 'ArrayExpression', elements: [id('CERT-ALR-001'), id('PORT-CM-003')] })).toBe(true);
    // An array of other strings (database settings' enums, addresses) is decision logic.
    expect(traces({ type: 'ArrayExpression', elements: [id('CERT-ALR-001'), id('dense')] })).toBe(false);
    expect(traces({ type: 'ArrayExpression', elements: [] })).toBe(false);
    expect(traces(id('CERT-ALR-001'))).toBe(true);
    expect(traces(id('CertificateExpiryAlertCleared'))).toBe(false);
    expect(['NODE-ADDR-012', 'API-ERR-001', 'ENC-DATA-004'].every((s) => REQUIREMENT_ID.test(s))).toBe(true);
  });

  it('leaves no requirement ID among the listed mutants, and keeps the decisions around them', async () => {
    const listed = await listMutants(PRISTINE, ['machines/certificate.machine.ts']);
    expect(listed.some((m) => /[A-Z]+-[A-Z]+-\d{3}/.test(m.replacement))).toBe(false);
    expect(listed.some((m) => m.replacement.includes('reqs'))).toBe(false);
    expect(listed.some((m) => m.mutatorName === 'StringLiteral' && m.replacement === '""')).toBe(true);
    // Ignored mutants keep their numbers: the ids skip over them.
    const ids = listed.map((m) => Number(m.id));
    expect(ids.some((n, i) => i > 0 && n > ids[i - 1]! + 1)).toBe(true);
  });
});
