import type { Draft } from 'immer';
import type { DomainEvent } from '../events.ts';
import type { CertificateState } from '../state.ts';

/** Applies an event to one certificate in place; shared by the cluster fold and the certificate machine. */
export function applyToCertificate(cert: Draft<CertificateState>, event: DomainEvent): void {
  switch (event.type) {
    case 'CertificateIssued':
      cert.serial = event.data.serial;
      cert.notBefore = event.data.notBefore;
      cert.notAfter = event.data.notAfter;
      cert.status = 'valid';
      return;
    case 'CertificateExpiryAlertRaised':
      cert.status = 'expiring';
      return;
    case 'CertificateExpiryAlertCleared':
      cert.status = 'valid';
      return;
    case 'CertificateExpired':
      cert.status = 'expired';
      return;
    default:
      return;
  }
}
