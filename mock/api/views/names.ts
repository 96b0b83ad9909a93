/** Times as the API writes them: ISO 8601, UTC. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** The API's times to the second, as a real cluster writes `created_time` ("2025-10-14T00:01:22Z"). */
export const isoSeconds = (ms: number) => `${iso(ms).slice(0, 19)}Z`;

export { PLANE_CERT_NAMES } from '../../../domain/rules/rotation.ts';
