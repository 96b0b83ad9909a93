/**
 * Run as a child process by attach.test.ts: a cluster streaming to an inspector that is not
 * there, doing some work, then simply returning. The process must end on its own.
 */
import { TestSource } from './source.ts';
import { topologyCommands } from '../../core/topology.ts';
import { inspectCluster } from '../attach.ts';

const cluster = new TestSource();
const inspection = inspectCluster(cluster, { url: process.argv[2]!, retryMs: 10 });
cluster.execute(topologyCommands({}, cluster.now()));
const work = () => {
  for (let i = 0; i < 200; i++) cluster.execute({ type: i % 2 ? 'PowerOnNode' : 'PowerOffNode', data: { uid: '2' } });
};
work();
// Long enough for the connection to be refused; then the same work again, with nothing listening.
await new Promise((r) => setTimeout(r, 300));
work();
process.stdout.write(`done ${inspection.dropped > 0 ? 'dropped' : 'sent'}\n`);
