import { describe, expect, it } from 'vitest';
import { AREAS } from '../arbitraries.ts';
import { MACHINES } from '../coverage.ts';
import { allTransitions, describeTransition } from '../../machines/introspect.ts';
import { CAUSES, commandClasses, eventOf, selectionEvents } from './reach.ts';

const EVENTS = new Set(MACHINES.flatMap((m) => allTransitions(m).map((t) => t.eventType)));

describe('which transitions a selection of areas can take', () => {
  it('knows every command any area sends, and names only events the machines have', () => {
    for (const area of AREAS) for (const c of commandClasses(area)) expect(CAUSES[c], `${area.name}: ${c}`).toBeDefined();
    for (const [c, events] of Object.entries(CAUSES)) for (const e of events) expect(EVENTS.has(e), `${c}: ${e}`).toBe(true);
  });

  it('reads the event off a transition as the machines describe it', () => {
    for (const m of MACHINES) for (const t of allTransitions(m)) expect(eventOf(describeTransition(t))).toBe(t.eventType || 'always');
  });

  it('lets every area together reach every event a command causes; one area fewer', () => {
    const all = selectionEvents(AREAS.map((a) => a.name))!;
    for (const e of Object.values(CAUSES).flat()) expect(all.has(e), e).toBe(true);
    const databases = selectionEvents(['databases'])!;
    expect(databases.has('CreateDatabase')).toBe(true);
    for (const e of ['SetNodeAddress', 'PowerOffNode', 'ClockAdvanced', 'JoinNode']) expect(databases.has(e), e).toBe(false);
  });
});
