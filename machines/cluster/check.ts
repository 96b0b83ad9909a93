import type { Command, CommandOf, CommandType } from '../../domain/commands.ts';
import type { Rejection } from '../../domain/rejections.ts';
import type { ClusterState } from '../../domain/state.ts';
import { checker, type Check } from '../checks.ts';

const clusterCheck = checker<ClusterState, Command>();

/** A check of the cluster machine: commands carry their fields in `data`, so its problem reads those. */
export const check = <T extends CommandType>(
  type: T,
  name: string,
  reqs: readonly string[],
  problem: (state: ClusterState, data: CommandOf<T>['data']) => Rejection | null,
): Check<ClusterState, Command> => clusterCheck(type, name, reqs, (state, event) => problem(state, event.data as CommandOf<T>['data']));
