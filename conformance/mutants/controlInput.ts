import { http, HttpResponse } from 'msw';
import { parseAddress } from '../../domain/rules/address.ts';
import type { Mutant } from './mutant.ts';

/**
 * The control protocol taking a host's addresses without parsing them: a list with a malformed
 * address is answered 200 as bound (API-ERR-003). Only a malformed control request shows it.
 */
export const CONTROL_BINDS_MALFORMED: Mutant = {
  name: 'control-binds-malformed-addresses',
  needs: ['reset', 'host-addresses'],
  breaks: 'API-ERR-003',
  description: "answers PUT /control/v1/hosts/{host}/addresses 200 for a list with a malformed address, as if it were bound",
  handlers: (cluster) => [
    http.put('*/control/v1/hosts/:host/addresses', async ({ request, params }) => {
      const body = (await request.clone().json().catch(() => undefined)) as { addresses?: unknown } | undefined;
      const list = body?.addresses;
      const host = String(params.host);
      if (!cluster.state.hosts[host] || !Array.isArray(list) || list.every((a) => parseAddress(a).ok)) return undefined;
      return HttpResponse.json({ host, addresses: list, node_uid: cluster.state.hosts[host]!.nodeUid === null ? null : Number(cluster.state.hosts[host]!.nodeUid), bootstrap_url: `${new URL(request.url).origin}/hosts/${host}` });
    }),
  ],
};
