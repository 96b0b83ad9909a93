import { describe, expect, it } from 'vitest';
import { decideAll } from '../../core/decide.ts';
import { topologyCommands } from '../../core/topology.ts';
import { initialState } from '../../domain/state.ts';
import { explicitPorts } from './ports.ts';

const cluster = (dbPorts: number[]) => {
  const built = decideAll(initialState(), [...topologyCommands({}, 0), ...dbPorts.map((port, i) => ({ type: 'CreateDatabase' as const, data: { name: `db${i}`, memorySize: 1, port } }))]);
  if (!built.ok) throw new Error(built.rejection.description);
  return built.state;
};

describe('the explicit ports a run asks for on a cluster it adopted', () => {
  it('are the nominal ones where the cluster shows them free', () => {
    expect([...explicitPorts(cluster([]), [])]).toEqual([[12000, 12000], [12001, 12001], [12002, 12002], [6379, 6379], [8500, 8500]]);
  });

  it("move past a database's port, a port the cluster lists as reserved, and each other", () => {
    const ports = explicitPorts(cluster([12000, 12003]), [12001, 6379, 8500, 8501]);
    expect([...ports]).toEqual([[12000, 12004], [12001, 12005], [12002, 12002], [6379, 6380], [8500, 8502]]);
  });
});
