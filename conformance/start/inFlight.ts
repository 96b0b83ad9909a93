import { TargetUnreachable, type Target } from '../../api/target.ts';

/** A request of a sequence that had already ended: refused before it is sent. */
export class SequenceEnded extends TargetUnreachable {}

/**
 * The target as the suite uses it: it counts the requests in flight, and hands each sequence a
 * view of its own. A new sequence ends the previous one's view (a request it still makes is
 * refused, never sent) and waits until none of its requests is in flight, so no request of
 * sequence k+1 is sent before the last answer of sequence k, whatever left one running (a
 * `Promise.all` that rejected early, an abandoned run).
 */
export class InFlight {
  #count = 0;
  #idle: (() => void)[] = [];
  #epoch = 0;

  /** A view that never ends (for what runs between sequences: the checks, a start's preparation). */
  readonly shared: Target;

  constructor(readonly target: Target) {
    this.shared = this.#view(() => true);
  }

  /** Requests sent and not yet answered (or failed). */
  get count(): number {
    return this.#count;
  }

  /** Resolves once no request is in flight. */
  idle(): Promise<void> {
    return this.#count === 0 ? Promise.resolve() : new Promise((r) => this.#idle.push(r));
  }

  /** Ends the current sequence, waits for its requests to settle, and returns the next one's view. */
  async next(): Promise<Target> {
    const epoch = ++this.#epoch;
    await this.idle();
    return this.#view(() => this.#epoch === epoch);
  }

  #view(live: () => boolean): Target {
    const t = this.target;
    const counted =
      <A extends unknown[]>(call: ((...args: A) => Promise<any>) | undefined) =>
      (...args: A) => {
        if (!live()) return Promise.reject(new SequenceEnded('a request of a sequence that has ended'));
        this.#count++;
        return call!(...args).finally(() => {
          if (--this.#count === 0) for (const r of this.#idle.splice(0)) r();
        });
      };
    return {
      description: t.description,
      api: counted(t.api.bind(t)),
      ...(t.control ? { control: counted(t.control.bind(t)) } : {}),
      ...(t.plain ? { plain: counted(t.plain.bind(t)) } : {}),
      ...(t.host ? { host: counted(t.host.bind(t)) } : {}),
      close: () => t.close(),
    };
  }
}
