import type { DomainEvent } from '../domain/events.ts';
import { Mismatch } from './mismatch.ts';
import type { Model } from './model.ts';

/** The log entry type of a node certificate's expiry alert, raised (`state: true`) or cleared. */
const ALERT = 'node_internal_certs_about_to_expire';
/** The log entry type of a node certificate that expired (the model's `CertificateExpired`). */
const EXPIRED = 'node_internal_cert_expired';

const key = (node: unknown, state: unknown) => `node ${String(node)} ${state === true ? 'raised' : 'cleared'}`;
const expiredKey = (node: unknown) => `node ${String(node)} expired`;

const counted = (keys: readonly string[]) => keys.slice().sort();

/**
 * CERT-ALR-001, CERT-ALR-002, CERT-EXP-001: the expiry alerts a step raised and cleared (by node,
 * raised or cleared), and the certificates it let expire (by node), are the ones the model
 * predicts, one log entry each. An expiry the target did not store as one shows nowhere else: an
 * expired certificate and one about to expire take the same transitions afterwards. A node's alert list is computed
 * from validity dates and looks right whatever a target stored; only the log shows a wrong stored
 * state, at the next transition (an alert raised again after a clear, or not). Exact under the
 * `model` profile only: how a real cluster logs its own alerts is not documented. Returns the
 * requirements it compared (none where no alert moved).
 */
export function checkAlertLog(model: Model, log: readonly unknown[], before: number, events: readonly DomainEvent[], label: string): readonly string[] {
  if (model.profile !== 'model' || before < 0 || log.length < before) return [];
  const expected = counted(
    events.flatMap((e) =>
      e.type === 'CertificateExpiryAlertRaised'
        ? [key(model.targetNode(e.data.nodeUid), true)]
        : e.type === 'CertificateExpiryAlertCleared'
          ? [key(model.targetNode(e.data.nodeUid), false)]
          : e.type === 'CertificateExpired'
            ? [expiredKey(model.targetNode(e.data.nodeUid))]
            : [],
    ),
  );
  const actual = counted(
    log
      .slice(before)
      .filter((entry): entry is { type: string; node_uid?: unknown; state?: unknown } => typeof entry === 'object' && entry !== null && [ALERT, EXPIRED].includes((entry as { type?: unknown }).type as string))
      .map((entry) => (entry.type === EXPIRED ? expiredKey(entry.node_uid) : key(entry.node_uid, entry.state))),
  );
  const reqs = [
    ...(events.some((e) => e.type === 'AlertSettingsChanged') ? ['CERT-ALR-002'] : ['CERT-ALR-001']),
    ...([...expected, ...actual].some((k) => k.endsWith('expired')) ? ['CERT-EXP-001'] : []),
  ];
  if (expected.join('|') !== actual.join('|')) throw new Mismatch(`GET /v1/logs after ${label}: its ${ALERT} and ${EXPIRED} entries`, expected, actual, reqs);
  return expected.length ? reqs : [];
}
