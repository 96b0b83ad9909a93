import { TargetUnreachable, type Target } from '../api/target.ts';

/** The target answered, and refused the credentials: nothing can be checked with them. */
export class CredentialsRefused extends TargetUnreachable {}

/**
 * The first request of every run, with or without a control protocol: `GET /v1/cluster` with
 * the credentials. A run that cannot read the cluster checks nothing, so it must end as an error
 * (exit 2) before any verdict — not as a run where nothing failed.
 */
export async function checkAccess(target: Target): Promise<void> {
  const a = await target.api('GET', '/v1/cluster');
  if (a.status === 401 || a.status === 403) {
    throw new CredentialsRefused(`the credentials were refused: GET /v1/cluster answered ${a.status} (check --user and --password; the user needs the admin role)`);
  }
  if (a.status < 200 || a.status >= 300) {
    throw new TargetUnreachable(`GET /v1/cluster answered ${a.status}${a.body?.error_code ? ` ${a.body.error_code}` : ''}: this is not a cluster's REST API, or the cluster is not ready`);
  }
}
