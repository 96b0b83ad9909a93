import { randomBytes } from 'node:crypto';
import { TargetUnreachable, type Target } from '../../api/target.ts';
import type { Coverage } from '../coverage.ts';
import { Model, RESET_LIMITS } from '../model.ts';
import { logLength, observe } from '../observe.ts';
import type { Start } from '../start/start.ts';
import { adoptionCommands, withObservedDetails } from './adoption.ts';
import { explicitPorts } from './ports.ts';
import { readCluster, type ObservedCluster, type ObservedDatabase } from './observed.ts';
import { restore, type Restoration } from './restore.ts';

export interface AdoptOptions {
  /** At most this many of the run's own databases at once (default 3). */
  readonly maxDatabases?: number;
  /** `memory_size` of each database the run creates, bytes (default 100 MiB). */
  readonly databaseMemory?: number;
  /** Prefix of the run's database names (default `cf` and 4 random characters, then `-`). */
  readonly namePrefix?: string;
}

export const ADOPT_DEFAULTS = { maxDatabases: 3, databaseMemory: 104_857_600 } as const;

export interface AdoptedStart extends Start {
  readonly mode: 'adopt';
  /** The cluster as the run found it: what every sequence starts from, and what the run leaves. */
  readonly baseline: ObservedCluster;
  readonly prefix: string;
  /** Puts everything back through `target` (unguarded: it must work after an interruption). */
  finish(target: Target): Promise<Restoration>;
}

/**
 * A cluster the suite may not reset: it reads it as it is (the baseline), builds the model from
 * it, and between sequences brings it back by compensation, checking it reads as the baseline
 * again before the next sequence starts.
 */
export async function adoptStart(target: Target, capabilities: ReadonlySet<string>, options: AdoptOptions = {}): Promise<AdoptedStart> {
  const baseline = await readCluster(target);
  const busy = [...baseline.nodes.filter((n) => n.status !== 'active' && n.status !== 'down'), ...baseline.databases.filter((d) => d.status !== 'active')];
  if (busy.length) throw new TargetUnreachable(`the cluster is busy (${busy.map((e) => `${e.uid} ${e.status}`).join(', ')}): run again once it is not`);
  const prefix = options.namePrefix ?? `cf${randomBytes(3).toString('hex').slice(0, 4)}-`;
  const owns = (d: ObservedDatabase) => d.name.includes(prefix);
  const clash = baseline.databases.find(owns);
  if (clash) throw new TargetUnreachable(`database ${clash.uid} (${clash.name}) already carries the run's prefix ${prefix}`);
  const limits = { ...RESET_LIMITS, namePrefix: prefix, maxDatabases: options.maxDatabases ?? ADOPT_DEFAULTS.maxDatabases, databaseMemory: options.databaseMemory ?? ADOPT_DEFAULTS.databaseMemory };
  // The cluster's clock: the control protocol's where it has one, else the wall clock.
  const clock = async () => {
    if (!capabilities.has('clock')) return Date.now();
    const answer = await target.control!('POST', '/clock', { advance_days: 0 });
    const now = Date.parse(answer.body?.now);
    if (Number.isNaN(now)) throw new TargetUnreachable(`control clock answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return now;
  };

  return {
    mode: 'adopt',
    baseline,
    prefix,
    preamble: [],
    async prepare(coverage?: Coverage): Promise<Model> {
      const back = await restore(target, baseline, { owns, capabilities });
      if (back.unrestored.length) throw new TargetUnreachable(`the cluster cannot be brought back to where the run found it: ${back.unrestored.join('; ')}`);
      const observed = await readCluster(target);
      const { commands, nodes } = adoptionCommands(observed, await clock());
      // Built apart: how the model comes to hold the cluster is not a transition taken on the target.
      const scratch = new Model(capabilities);
      const { decision } = scratch.predict(commands);
      if (!decision.ok) throw new TargetUnreachable(`the model cannot hold this cluster: ${decision.rejection.description}`);
      scratch.accept(decision);
      scratch.settle();
      const model = new Model(capabilities, coverage);
      model.state = withObservedDetails(scratch.state, observed, nodes);
      for (const [m, t] of nodes) model.nodes.set(m, t);
      for (const d of observed.databases) model.adopted.add(d.uid);
      model.limits = limits;
      for (const [nominal, port] of explicitPorts(model.state, observed.reservedPorts)) model.ports.set(nominal, port);
      await observe(model, target, 'adopting the cluster');
      model.logLength = await logLength(target);
      return model;
    },
    finish: (unguarded) => restore(unguarded, baseline, { owns, capabilities }),
  };
}
