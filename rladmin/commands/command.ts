import type { Target } from '../../api/target.ts';
import type { CommandType } from '../../domain/commands.ts';
import { requestTo } from '../../domain/requests.ts';
import type { Values } from '../grammar.ts';
import type { Outcome } from '../outcome.ts';
import type { Waiting } from '../wait.ts';

/** One request to the cluster's REST API: a real one over HTTP(S), or the mock in-process. */
export type Api = Target['api'];

export interface Context extends Waiting {
  readonly api: Api;
}

/** One rladmin command: its documented usage line (which is also its syntax) and what it does. */
export interface Command {
  readonly usage: string;
  readonly summary: string;
  run(values: Values, ctx: Context): Promise<Outcome>;
}

/** A value the grammar guarantees to be a single word. */
export const one = (values: Values, name: string): string => values[name] as string;
export const all = (values: Values, name: string): readonly string[] => values[name] as readonly string[];
export const enabled = (values: Values, name: string): boolean => one(values, name) === 'enabled';

/** Sends the REST API request that carries a command (`domain/requests.ts`: the suite and the charts read the same table). */
export function send(ctx: Context, command: CommandType, params: Readonly<Record<string, string>>, body?: unknown): ReturnType<Api> {
  const { method, path } = requestTo(command, params);
  return ctx.api(method, path, body);
}
