import type { CommandOf, CommandType } from '../../domain/commands.ts';
import type { Rejection } from '../../domain/rejections.ts';
import type { ClusterState } from '../../domain/state.ts';

/**
 * One reason the cluster refuses a command: a named guard in the cluster machine, and a
 * transition that rejects with the requirement IDs it enforces. Checks run in the order
 * they are listed, so the first problem found is the one reported.
 */
export interface Check<T extends CommandType> {
  readonly name: string;
  readonly reqs: readonly string[];
  readonly problem: (state: ClusterState, data: CommandOf<T>['data']) => Rejection | null;
}

export const check = <T extends CommandType>(
  _type: T,
  name: string,
  reqs: readonly string[],
  problem: Check<T>['problem'],
): Check<T> => ({ name, reqs, problem });

/** The rejecting transitions for a list of checks. */
export function refusals(checks: readonly Check<any>[]) {
  return checks.map((c) => ({
    // Guard names come from data, so XState cannot type them; guardsOf() registers each one.
    guard: c.name as any,
    actions: {
      type: 'reject' as const,
      params: ({ context, event }: { context: ClusterState; event: { data: unknown } }) => c.problem(context, event.data as never)!,
    },
    meta: { reqs: c.reqs },
  }));
}

/** The named guards for `setup()`: each holds when its check finds a problem. */
export function guardsOf(checks: readonly Check<any>[]) {
  return Object.fromEntries(
    checks.map((c) => [c.name, ({ context, event }: { context: ClusterState; event: { data: unknown } }) => c.problem(context, event.data as never) !== null]),
  );
}
