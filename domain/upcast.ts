import { EVENT_VERSIONS, type DomainEvent, type EventType } from './events.ts';

/** Turns the data of `type` at `version` into its shape at `version + 1`. */
export type Upcaster = (data: any) => unknown;

/**
 * Upcasters by `Type@fromVersion`. Empty while every event is at version 1: the first change
 * of an event's shape adds its old type to `events.v1.ts` and its upcaster here.
 */
export const UPCASTERS: Readonly<Record<string, Upcaster>> = {};

export class UnknownEventVersion extends Error {
  constructor(readonly type: string, readonly version: number) {
    super(`The log holds ${type} version ${version}, newer than this build knows (${EVENT_VERSIONS[type as EventType] ?? 'none'})`);
  }
}

/** The domain event a stored event stands for, at the current schema version. */
/** Stored events come from outside the type system (a file, a database): checked here. */
export function upcast(e: { readonly type: string; readonly version: number; readonly data: unknown }, upcasters = UPCASTERS): DomainEvent {
  const current = EVENT_VERSIONS[e.type as EventType];
  if (current === undefined || e.version > current) throw new UnknownEventVersion(e.type, e.version);
  let data: unknown = e.data;
  for (let v = e.version; v < current; v++) {
    const step = upcasters[`${e.type}@${v}`];
    if (!step) throw new UnknownEventVersion(e.type, v);
    data = step(data);
  }
  return { type: e.type, data } as DomainEvent;
}
