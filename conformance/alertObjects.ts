import type { Comparison } from './comparison.ts';
import { DAY_MS } from '../domain/rules/certificates.ts';
import type { AlertSetting } from '../domain/state.ts';

/** The alert object itself: answered, enabled or not, its state a boolean that its list and severity agree with. */
export const ALERT_OBJECT_REQS = ['CERT-ALR-004'] as const;
/** Its `enabled` and threshold: the setting `PUT /v1/cluster {"alert_settings"}` stored. */
export const ALERT_SETTING_REQS = ['CERT-ALR-002'] as const;
/** Which certificates each alert covers: never the other's. */
export const ALERT_COVERAGE_REQS = ['CERT-ALR-005'] as const;

/** A certificate whose expiry the suite knows, by the name an alert lists it under. */
export interface KnownCertificate {
  readonly name: string;
  readonly notAfter: number;
}

/**
 * Where a certificate stands against a threshold at the model's clock: `below` it (fewer days
 * left, CERT-ALR-001's strict "below"), `above` it, or nothing within a day of it either way — a
 * target's clock may run between the model's reads (spec/semantics.md, "The cluster clock"), so
 * that close the suite does not judge rather than risk a false alarm.
 */
export function thresholdSide(notAfter: number, clock: number, thresholdDays: number): 'below' | 'above' | undefined {
  const margin = notAfter - clock - thresholdDays * DAY_MS;
  return margin < -DAY_MS ? 'below' : margin > DAY_MS ? 'above' : undefined;
}

/** What one alert object is compared against. */
export interface AlertExpectation {
  /** The setting as the model holds it (`alertSettingFacts`). */
  readonly setting: AlertSetting;
  /** The model's clock: what the certificates are judged at. */
  readonly clock: number;
  /** The certificates the alert covers that the suite knows (all of them, or only those the target shows). */
  readonly known: readonly KnownCertificate[];
  /** The rule that puts a known certificate below the threshold on the list and raises the state. */
  readonly raiseReqs: readonly string[];
  /** A listed entry that is not this alert's to list (another alert's certificate), described; undefined where it is. */
  readonly foreign: (entry: any) => string | undefined;
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Compares a certificate expiry alert object (spec/semantics.md, "Certificate expiry alerts") with
 * what can be predicted of it on any cluster: it is there, its `enabled` and threshold are the
 * setting's, its `state` is a boolean that `change_value.state`, its list and its severity agree
 * with, a known certificate under the threshold is listed and (while enabled) raises it, one over
 * it is not listed, and nothing the other alert covers is listed. Not compared: `change_time` (when
 * the target's check ran) and a listed entry's `expires` and `days_left`.
 */
export function compareAlertObject(c: Comparison, read: string, where: string, alert: unknown, e: AlertExpectation): void {
  const object = 'an alert object';
  c.fact(read, where, object, isObject(alert) ? object : alert, ALERT_OBJECT_REQS);
  const a = alert as Record<string, any>;
  const value = isObject(a.change_value) ? a.change_value : {};
  c.fact(read, `${where}.enabled`, e.setting.enabled, a.enabled, ALERT_SETTING_REQS);
  // A threshold as the API spells it (a string of days): the change's `global_threshold`, and the
  // object's own `threshold` where the target shows one (the reference lists it "when applicable").
  const days = (t: unknown) => (typeof t === 'string' && /^\d+$/.test(t) ? Number(t) : t);
  c.fact(read, `${where}.change_value.global_threshold`, e.setting.thresholdDays, days(value.global_threshold), ALERT_SETTING_REQS);
  if (a.threshold !== undefined) c.fact(read, `${where}.threshold`, e.setting.thresholdDays, days(a.threshold), ALERT_SETTING_REQS);

  const boolean = 'a boolean';
  // Not keyed `.state`: a node's exact state is that fact (observe.ts), and one key holds one fact.
  c.fact(read, `${where}.state's type`, boolean, typeof a.state === 'boolean' ? boolean : a.state, ALERT_OBJECT_REQS);
  c.fact(read, `${where}.change_value.state`, a.state, value.state, ALERT_OBJECT_REQS);
  c.fact(read, `${where}.severity`, a.state ? 'WARNING' : 'INFO', a.severity, ALERT_OBJECT_REQS);
  const list = value.certs_about_to_expire;
  const array = 'a list';
  c.fact(read, `${where}.change_value.certs_about_to_expire`, array, Array.isArray(list) ? array : list, ALERT_OBJECT_REQS);
  const entries = list as any[];
  // A disabled alert may report its condition (CERT-ALR-004's decision): only an enabled one's state is tied to its list.
  if (e.setting.enabled) c.fact(read, `${where}.state with ${entries.length} certificate(s) listed`, entries.length > 0, a.state, ALERT_OBJECT_REQS);

  for (const entry of entries) {
    const foreign = e.foreign(entry);
    c.fact(read, `${where} lists ${JSON.stringify(entry?.name)}`, "one of this alert's certificates", foreign ?? "one of this alert's certificates", ALERT_COVERAGE_REQS);
  }
  const listed = new Set(entries.map((x) => String(x?.name)));
  for (const cert of e.known) {
    const side = thresholdSide(cert.notAfter, e.clock, e.setting.thresholdDays);
    if (side === undefined) continue;
    const expected = side === 'below' ? 'listed' : 'not listed';
    c.fact(read, `${where} certs_about_to_expire: ${cert.name}`, expected, listed.has(cert.name) ? 'listed' : 'not listed', e.raiseReqs);
    if (side === 'below' && e.setting.enabled) c.fact(read, `${where}.state (${cert.name} below the threshold)`, true, a.state, e.raiseReqs);
  }
}
