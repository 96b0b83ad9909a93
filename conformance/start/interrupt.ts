import { TargetUnreachable, type Target } from '../../api/target.ts';

/** The run was told to stop (SIGINT, SIGTERM): not a verdict on the target. */
export class Interrupted extends TargetUnreachable {}

/**
 * The target, refusing every request once `signal` is aborted: the run unwinds at its next
 * request (as from a target that stopped answering), and whoever holds the unguarded target puts
 * the cluster back.
 */
export function interruptible(target: Target, signal: AbortSignal | undefined): Target {
  if (!signal) return target;
  const guard = <A extends unknown[], R>(call: ((...args: A) => Promise<R>) | undefined) =>
    call &&
    ((...args: A) => {
      if (signal.aborted) return Promise.reject(new Interrupted(`interrupted by ${String(signal.reason ?? 'a signal')}`));
      return call(...args);
    });
  return {
    description: target.description,
    ...(target.ports ? { ports: target.ports } : {}),
    api: guard(target.api.bind(target))!,
    ...(target.control ? { control: guard(target.control.bind(target)) } : {}),
    ...(target.plain ? { plain: guard(target.plain.bind(target)) } : {}),
    ...(target.host ? { host: guard(target.host.bind(target)) } : {}),
    close: () => target.close(),
  };
}
