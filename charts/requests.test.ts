import { describe, expect, it } from 'vitest';
import { allTransitions } from '../machines/introspect.ts';
import { CHARTED } from './machines.ts';
import { familyOf, sourcesOf, transitionLines } from './requests.ts';

const transition = (machine: string, source: string, event: string, target?: string) =>
  allTransitions(CHARTED[machine]!).find((t) => t.source.id === source && t.eventType === event && (target === undefined || t.target?.[0]?.id === target))!;

describe('a transition as the requests behind it', () => {
  it("names a child machine's internal event by the request that causes it", () => {
    const t = transition('certificate', 'certificate.valid', 'ClockAdvanced', 'certificate.expired');
    expect(sourcesOf(t).map((s) => s.via)).toEqual(['control', 'cluster']);
    expect(transitionLines(t, ['rotationDue'])).toEqual([
      'POST /control/v1/clock or (the clock runs)',
      '    if past its 90 days · unless the node is up and rotation is due · CERT-EXP-001, CERT-ROT-002, CERT-ALR-001',
    ]);
  });

  it('sorts requests into families a reader knows', () => {
    const family = (event: string) => familyOf(sourcesOf(transition('cluster', 'cluster.running', event)));
    expect(['SetNodeAddress', 'CreateDatabase', 'ConfigureCluster', 'JoinNode', 'PowerOffNode', 'CompleteNodeRemoval'].map(family)).toEqual([
      'nodes',
      'databases',
      'cluster settings and certificates',
      "a host's bootstrap API",
      'test control (the operator, on a real cluster)',
      "the cluster's own work",
    ]);
  });
});
