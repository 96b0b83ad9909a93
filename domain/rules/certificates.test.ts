import { describe, expect, it } from 'vitest';
import { belowThreshold, DAY_MS, isExpired, rotationDue, validityFrom } from './certificates.ts';

const T0 = Date.UTC(2026, 0, 1);
const cert = validityFrom(T0);

describe('the certificate thresholds at their edges', () => {
  it('[CERT-EXP-001] a certificate is still valid at its notAfter and expired the moment after', () => {
    // RFC 5280 §4.1.2.5: the validity period includes notAfter, as a TLS peer checks it.
    expect(isExpired(cert, T0 + 90 * DAY_MS - 1)).toBe(false);
    expect(isExpired(cert, T0 + 90 * DAY_MS)).toBe(false);
    expect(isExpired(cert, T0 + 90 * DAY_MS + 1)).toBe(true);
  });

  it('[CERT-ROT-001] a certificate is due for rotation from the moment it is 30 days old', () => {
    expect(rotationDue(cert, T0 + 30 * DAY_MS - 1)).toBe(false);
    expect(rotationDue(cert, T0 + 30 * DAY_MS)).toBe(true);
  });

  it('[CERT-ALR-001] a certificate is below a threshold once it has strictly fewer days left', () => {
    expect(belowThreshold(cert, T0 + 45 * DAY_MS, 45)).toBe(false);
    expect(belowThreshold(cert, T0 + 45 * DAY_MS + 1, 45)).toBe(true);
  });
});
