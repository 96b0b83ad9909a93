import { reject, type Rejection } from '../rejections.ts';
import type { Plane } from '../state.ts';

/** The internal certificates by the names the API gives them (rotate, the certificates API, alerts, the log). */
export const PLANE_CERT_NAMES = { control: 'ccs_internode_encryption', data: 'data_internode_encryption' } as const satisfies Record<Plane, string>;

const PLANE_OF: Readonly<Record<string, Plane>> = Object.fromEntries(Object.entries(PLANE_CERT_NAMES).map(([plane, name]) => [name, plane as Plane]));

/**
 * What a rotate request's `name` asks for (spec/semantics.md, "Rotating certificates by name"): no
 * name rotates both planes, an internal certificate's name its plane. The vendor's schema types
 * `name` as a string: any other string is the documented 403, anything else 400.
 */
export function rotationOf(name: unknown): { readonly ok: true; readonly plane?: Plane } | { readonly ok: false; readonly rejection: Rejection } {
  if (name === undefined) return { ok: true };
  if (typeof name !== 'string') return { ok: false, rejection: reject.invalidParameter('name must be a certificate name (a string)') };
  return Object.hasOwn(PLANE_OF, name) ? { ok: true, plane: PLANE_OF[name] } : { ok: false, rejection: reject.unsupportedRotation(name) };
}
