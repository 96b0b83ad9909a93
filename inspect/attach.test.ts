import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { TestSource } from './testing/source.ts';
import { topologyCommands } from '../core/topology.ts';
import { inspectCluster, type ClusterInspection } from './attach.ts';
import { receiver } from './testing/receiver.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function cluster() {
  const c = new TestSource();
  cleanup.push(() => c.close());
  return c;
}
const watch = (c: TestSource, url: string, retryMs?: number): ClusterInspection => {
  const i = inspectCluster(c, { url, ...(retryMs ? { retryMs } : {}) });
  cleanup.push(() => i.close());
  return i;
};

describe('inspector stream', () => {
  it('registers every machine of a known scenario, named per entity, under the cluster', async () => {
    const inspector = await receiver();
    cleanup.push(() => inspector.close());
    const c = cluster();
    watch(c, inspector.url);
    c.execute(topologyCommands({ nodes: 3 }, c.now()));
    c.execute({ type: 'CreateDatabase', data: { name: 'cache', memorySize: 1024 } });

    await expect.poll(() => inspector.actors().map((a) => a.name)).toEqual(
      expect.arrayContaining(['cluster', 'node:1', 'node:2', 'node:3', 'cert:node-2/cp', 'cert:node-3/dp', 'bdb:1 (cache)']),
    );
    const node2 = inspector.actors().find((a) => a.sessionId === 'node:2')!;
    expect(node2.parentId).toBe('cluster');
    const definition = JSON.parse(node2.definition!);
    expect(definition).toMatchObject({ id: 'node', initial: 'active' });
    expect(Object.keys(definition.states).sort()).toEqual(['active', 'decommissioning', 'down', 'removed']);
    expect(inspector.events('node:2')).toContain('NodeJoined');
    expect(inspector.events('cluster')).toContain('ClusterCreated');
  });

  it('sends the events that drive node 2 and its snapshots in its machine\'s state names', async () => {
    const inspector = await receiver();
    cleanup.push(() => inspector.close());
    const c = cluster();
    c.execute(topologyCommands({ nodes: 3 }, c.now()));
    watch(c, inspector.url);
    await expect.poll(() => inspector.actors().length).toBeGreaterThan(0);

    c.execute({ type: 'PowerOffNode', data: { uid: '2' } });
    c.execute({ type: 'RemoveNode', data: { uid: '3' } });
    c.settle();

    await expect.poll(() => inspector.values('node:2')).toEqual(['active', 'down']);
    expect(inspector.events('node:2')).toEqual(['NodeWentDown']);
    expect(inspector.got.find((e) => e.type === '@xstate.event' && e.sessionId === 'node:2')!.sourceId).toBe('cluster');
    await expect.poll(() => inspector.values('node:3')).toEqual(['active', 'decommissioning', 'removed']);
    const last = inspector.got.filter((e) => e.sessionId === 'node:3').at(-1)!;
    expect(last.snapshot).toMatchObject({ status: 'done', value: 'removed' });
    expect(inspector.values('node:1')).toEqual(['active']);
  });

  it('registers every current machine again when an inspector connects late', async () => {
    const c = cluster();
    c.execute(topologyCommands({ nodes: 2 }, c.now()));
    // A port nothing listens on yet: find a free one, free it, and listen there later.
    const probe = await receiver();
    const port = probe.port;
    await probe.close();
    watch(c, `ws://127.0.0.1:${port}`, 20);
    c.execute({ type: 'PowerOffNode', data: { uid: '2' } });
    const inspector = await receiver(port);
    cleanup.push(() => inspector.close());
    await expect.poll(() => inspector.values('node:2')).toEqual(['down']);
    expect(inspector.actors().map((a) => a.sessionId)).toEqual(expect.arrayContaining(['cluster', 'node:1', 'node:2']));
    // Missed events were skipped, not folded: what follows lands on the right state.
    await new Promise((r) => setTimeout(r, 50));
    c.execute({ type: 'PowerOffNode', data: { uid: '1' } });
    c.execute({ type: 'PowerOnNode', data: { uid: '2' } });
    await expect.poll(() => inspector.values('node:2')).toEqual(['down', 'active']);
    expect(inspector.values('node:1').at(-1)).toBe('down');
  });

  it('starts over when the cluster is reset', async () => {
    const inspector = await receiver();
    cleanup.push(() => inspector.close());
    const c = cluster();
    c.execute(topologyCommands({ nodes: 2 }, c.now()));
    watch(c, inspector.url);
    c.execute({ type: 'PowerOffNode', data: { uid: '2' } });
    c.reset(topologyCommands({ nodes: 2 }, c.now()));
    await expect.poll(() => inspector.got.filter((e) => e.sessionId === 'node:2').map((e) => `${e.type.slice(8)}:${JSON.stringify(e.snapshot?.value ?? e.event?.type)}:${e.snapshot?.status ?? ''}`)).toEqual([
      'actor:"active":active',
      'event:"NodeWentDown":',
      'snapshot:"down":active',
      'snapshot:"down":stopped',
      'actor:"active":active',
      'event:"NodeJoined":',
      'snapshot:"active":active',
    ]);
  });

  it('never keeps a process alive when no inspector is there', async () => {
    const probe = await receiver();
    const url = probe.url;
    await probe.close();
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', new URL('./testing/unreachable.ts', import.meta.url).pathname, url], { timeout: 60_000 });
    const { stdout } = await run;
    expect(stdout.trim()).toBe('done dropped');
  }, 70_000);
});
