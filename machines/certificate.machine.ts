import { setup } from 'xstate';
import type { DomainEvent } from '../domain/events.ts';
import { applyToCertificate } from '../domain/evolve/certificate.ts';
import type { CertificateState } from '../domain/state.ts';
import { recorder, sharedActions } from './record.ts';
import { belowThreshold, daysLeft, isExpired, rotationDue, validityFrom } from '../domain/rules/certificates.ts';

/**
 * What a node's certificate for one plane reacts to. Time only ever arrives as `ClockAdvanced`
 * (the rotation job and the alert check run then); the machine never reads a clock.
 */
export type CertificateMachineEvent =
  | { type: 'ClockAdvanced'; now: number; nodeUp: boolean; thresholdDays: number; serial: number }
  | { type: 'RotateCertificates'; now: number; serial: number }
  | { type: 'AlertThresholdChanged'; now: number; thresholdDays: number };

const record = recorder<CertificateState, CertificateMachineEvent>(applyToCertificate);

const issue = (c: CertificateState, e: { now: number; serial: number }, reason: 'scheduled' | 'manual'): DomainEvent => ({
  type: 'CertificateIssued',
  data: { nodeUid: c.nodeUid, plane: c.plane, serial: e.serial, ...validityFrom(e.now), reason },
});
const cleared = (c: CertificateState): DomainEvent => ({
  type: 'CertificateExpiryAlertCleared',
  data: { nodeUid: c.nodeUid, plane: c.plane },
});
const raised = (c: CertificateState, now: number): DomainEvent => ({
  type: 'CertificateExpiryAlertRaised',
  data: { nodeUid: c.nodeUid, plane: c.plane, daysLeft: daysLeft(c, now) },
});
const expired = (c: CertificateState): DomainEvent => ({ type: 'CertificateExpired', data: { nodeUid: c.nodeUid, plane: c.plane } });
const now = (e: CertificateMachineEvent) => e.now;
type Clock = Extract<CertificateMachineEvent, { type: 'ClockAdvanced' }>;

export const certificateMachine = setup({
  types: {
    context: {} as CertificateState,
    input: {} as CertificateState,
    events: {} as CertificateMachineEvent,
  },
  actions: sharedActions,
  guards: {
    /** The rotation job reissues a certificate 30 days after issue, on nodes that are up. */
    rotationDue: ({ context, event }) => event.type === 'ClockAdvanced' && event.nodeUp && rotationDue(context, event.now),
    expired: ({ context, event }) => isExpired(context, now(event)),
    belowThreshold: ({ context, event }) =>
      event.type !== 'RotateCertificates' && belowThreshold(context, event.now, event.thresholdDays),
  },
}).createMachine({
  id: 'certificate',
  description: "One node's internode certificate for one plane (control or data), signed by the cluster CA.",
  context: ({ input }) => input,
  initial: 'valid',
  states: {
    valid: {
      description: 'More days left than the alert threshold.',
      on: {
        ClockAdvanced: [
          {
            guard: 'rotationDue',
            target: 'valid',
            reenter: true,
            actions: record(({ context, event }) => [issue(context, event as Clock, 'scheduled')]),
            meta: { reqs: ['CERT-ROT-001', 'CERT-ISS-002'] },
          },
          {
            // Straight past the threshold to expiry: the alert is raised as well, so that the
            // log shows it raised before it is cleared by the next issue.
            guard: 'expired',
            target: 'expired',
            actions: record(({ context, event }) => [raised(context, event.now), expired(context)]),
            meta: { reqs: ['CERT-EXP-001', 'CERT-ROT-002', 'CERT-ALR-001'] },
          },
          {
            guard: 'belowThreshold',
            target: 'expiring',
            actions: record(({ context, event }) => [raised(context, event.now)]),
            meta: { reqs: ['CERT-ALR-001', 'CERT-ROT-002'] },
          },
          { actions: 'acknowledge', meta: { reqs: ['CERT-ISS-002'] } },
        ],
        RotateCertificates: {
          target: 'valid',
          reenter: true,
          actions: record(({ context, event }) => [issue(context, event as Clock, 'manual')]),
          meta: { reqs: ['CERT-ROT-003'] },
        },
        AlertThresholdChanged: [
          {
            guard: 'belowThreshold',
            target: 'expiring',
            actions: record(({ context, event }) => [raised(context, event.now)]),
            meta: { reqs: ['CERT-ALR-002'] },
          },
          { actions: 'acknowledge', meta: { reqs: ['CERT-ALR-002'] } },
        ],
      },
    },
    expiring: {
      description: 'Fewer days left than the alert threshold: the about-to-expire alert holds.',
      on: {
        ClockAdvanced: [
          {
            guard: 'rotationDue',
            target: 'valid',
            actions: record(({ context, event }) => [issue(context, event as Clock, 'scheduled'), cleared(context)]),
            meta: { reqs: ['CERT-ROT-001', 'CERT-ALR-003'] },
          },
          {
            guard: 'expired',
            target: 'expired',
            actions: record(({ context }) => [expired(context)]),
            meta: { reqs: ['CERT-EXP-001'] },
          },
          { actions: 'acknowledge', meta: { reqs: ['CERT-ALR-001'] } },
        ],
        RotateCertificates: {
          target: 'valid',
          actions: record(({ context, event }) => [issue(context, event as Clock, 'manual'), cleared(context)]),
          meta: { reqs: ['CERT-ROT-003', 'CERT-ALR-003'] },
        },
        AlertThresholdChanged: [
          { guard: 'belowThreshold', actions: 'acknowledge', meta: { reqs: ['CERT-ALR-002'] } },
          {
            target: 'valid',
            actions: record(({ context }) => [cleared(context)]),
            meta: { reqs: ['CERT-ALR-002'] },
          },
        ],
      },
    },
    expired: {
      description: 'Past its 90 days: the node missed every rotation (it was down).',
      on: {
        ClockAdvanced: [
          {
            guard: 'rotationDue',
            target: 'valid',
            actions: record(({ context, event }) => [issue(context, event as Clock, 'scheduled'), cleared(context)]),
            meta: { reqs: ['CERT-ROT-001', 'CERT-ALR-003'] },
          },
          { actions: 'acknowledge', meta: { reqs: ['CERT-EXP-001'] } },
        ],
        RotateCertificates: {
          target: 'valid',
          actions: record(({ context, event }) => [issue(context, event as Clock, 'manual'), cleared(context)]),
          meta: { reqs: ['CERT-ROT-003', 'CERT-ALR-003'] },
        },
        AlertThresholdChanged: { actions: 'acknowledge', meta: { reqs: ['CERT-ALR-002'] } },
      },
    },
  },
});
