import type { HttpHandler } from 'msw';
import type { MockCluster } from '../../mock/runtime/mockCluster.ts';

/**
 * A deliberately broken variant of the mock: a realistic misimplementation of one requirement.
 * Its handlers are put before the mock's own, so they answer the requests they match and the
 * rest of the API behaves as specified. The suite must catch every mutant.
 */
export interface Mutant {
  readonly name: string;
  /** The requirement it breaks. */
  readonly breaks: string;
  readonly description: string;
  /** `through` hands a (rewritten) request on to the mock's own handlers. */
  handlers(cluster: MockCluster, through: (request: Request) => Promise<Response>): HttpHandler[];
  /** Breaks what lies below the API (the data plane): runs before the mock's edge attaches. */
  readonly prepare?: (cluster: MockCluster) => void;
  /**
   * Control capabilities the suite needs to catch it (a node taken down, the clock moved, a cluster
   * it may reset): without them — on a cluster the suite adopts — it is out of reach. `clients`:
   * only a run with concurrent clients (`--clients`) can see it; the sequential suite never does.
   */
  readonly needs?: readonly string[];
  /** Needs the mock's real listeners (its data plane or TLS), in-process. */
  readonly listeners?: boolean;
}
