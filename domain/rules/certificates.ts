import type { CertificateState } from '../state.ts';

export const DAY_MS = 86_400_000;

/** Certificates signed by the internal CA are valid this long. */
export const VALIDITY_DAYS = 90;
/** The rotation job reissues a certificate this long after it was issued. */
export const ROTATE_AFTER_DAYS = 30;
/** Default alert threshold: alert while fewer days than this remain. */
export const DEFAULT_ALERT_DAYS = 45;

type Validity = Pick<CertificateState, 'notBefore' | 'notAfter'>;

export const validityFrom = (now: number): Validity => ({ notBefore: now, notAfter: now + VALIDITY_DAYS * DAY_MS });

export const rotationDue = (cert: Validity, now: number): boolean => now - cert.notBefore >= ROTATE_AFTER_DAYS * DAY_MS;

/**
 * Expired once the clock is PAST `notAfter`: X.509's validity period includes its `notAfter`
 * (RFC 5280 §4.1.2.5), so a certificate read at exactly 90 days is still valid, as a TLS peer
 * checking it would find.
 */
export const isExpired = (cert: Validity, now: number): boolean => now > cert.notAfter;

export const belowThreshold = (cert: Validity, now: number, thresholdDays: number): boolean =>
  cert.notAfter - now < thresholdDays * DAY_MS;

/** Whole days left before expiry, rounded down; negative once expired. */
export const daysLeft = (cert: Validity, now: number): number => Math.floor((cert.notAfter - now) / DAY_MS);
