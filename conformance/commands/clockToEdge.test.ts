import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AREAS, areaGaps } from '../arbitraries.ts';
import { Model } from '../model.ts';
import { started, MOCK_CAPABILITIES } from '../testing/started.ts';
import { ClockToEdge, EDGES, OFFSETS_MS, byAge, edgeTime, type Edge } from './clockToEdge.ts';
import { PowerNode } from './powerNode.ts';

const certificates = AREAS.find((a) => a.name === 'certificates')!;
const without = (capability: string) => new Set([...MOCK_CAPABILITIES].filter((c) => c !== capability));

describe('the clock moved to a certificate edge', () => {
  const DAY = 86_400_000;
  /** A model with one certificate issued at 0, its clock at `clock`, the alert at 45 days. */
  const model = (clock: number, capabilities: ReadonlySet<string> = MOCK_CAPABILITIES) =>
    ({
      capabilities,
      state: { clock, certificates: { '1:control': { nodeUid: '1', notBefore: 0, notAfter: 90 * DAY } }, alerts: { nodeInternalCertsAboutToExpire: { enabled: true, thresholdDays: 45 } } },
    }) as unknown as Model;

  it('is never drawn for a target whose clock runs between moves (no still-clock)', () => {
    // `own-control` is the suite's own (a control protocol that is not hooks), not a target's capability.
    const all = new Set([...MOCK_CAPABILITIES, 'own-control']);
    const runs = new Set([...all].filter((c) => c !== 'still-clock'));
    expect(areaGaps(certificates, runs)).toEqual([expect.objectContaining({ command: 'ClockToEdge', needs: ['still-clock'] })]);
    expect(areaGaps(certificates, all)).toEqual([]);
    // fast-check draws only commands whose check passes: with the edges ahead, all of them but for the capability.
    const edges = certificates.commands.find((a) => fc.sample(a, { numRuns: 1, seed: 3 })[0] instanceof ClockToEdge)!;
    const drawn = fc.sample(edges, { numRuns: 50, seed: 3 }) as ClockToEdge[];
    expect(drawn.every((c) => c instanceof ClockToEdge && c.check(model(DAY)) && !c.check(model(DAY, without('still-clock'))))).toBe(true);
  });

  it('moves the clock to the exact millisecond, and never back: an edge not ahead of the clock does not apply', () => {
    const at = (edge: Edge, offset: number, clock = 0) => {
      const c = new ClockToEdge(0, edge, offset);
      return c.check(model(clock)) ? (c.step(model(clock)).request.body as { now: string }).now : undefined;
    };
    expect(at('rotation', -1)).toBe(new Date(30 * DAY - 1).toISOString());
    expect(at('alert', 0)).toBe(new Date(45 * DAY).toISOString());
    expect(at('expiry', 1)).toBe(new Date(90 * DAY + 1).toISOString());
    expect(new ClockToEdge(0, 'expiry', 1).step(model(0)).commands).toEqual([{ type: 'AdvanceClock', data: { now: 90 * DAY + 1 } }]);
    expect(at('rotation', 0, 30 * DAY)).toBeUndefined();
    expect(at('rotation', 1, 30 * DAY)).toBe(new Date(30 * DAY + 1).toISOString());
    expect(at('expiry', -1, 91 * DAY)).toBeUndefined();
    // No certificate: nothing to move to.
    expect(new ClockToEdge(0, 'expiry', 0).check({ capabilities: MOCK_CAPABILITIES, state: { clock: 0, certificates: {} } } as unknown as Model)).toBe(false);
  });

  // The model and the in-process mock agree (the step's observation compares statuses, alerts,
  // serials and the log) a millisecond before, at and after each edge of a down node's certificate
  // (never rotated, so it reaches its alert and expiry), and the model reads the edge as the rules say.
  const reading: Record<Edge, (c: { serial: number; status: string }, before: { serial: number }) => string> = {
    rotation: (c, before) => (c.serial === before.serial ? 'kept' : 'reissued'),
    alert: (c) => (c.status === 'valid' ? 'valid' : 'expiring'),
    expiry: (c) => (c.status === 'expired' ? 'expired' : 'valid'),
  };
  const expected: Record<Edge, readonly string[]> = { rotation: ['kept', 'reissued', 'reissued'], alert: ['valid', 'valid', 'expiring'], expiry: ['valid', 'valid', 'expired'] };
  it.each(EDGES.map((e) => [e] as const))('[CERT-EXP-001] reads the %s edge as the mock does, at -1, 0 and +1 ms', async (edge) => {
    const seen: string[] = [];
    for (const offset of OFFSETS_MS) {
      const { target, model } = await started();
      try {
        // Down for the alert and expiry edges: its certificate is not reissued on the way there.
        if (edge !== 'rotation') await new PowerNode(1, false).run(model, target);
        const down = Object.values(model.state.nodes).find((n) => n.status === 'down');
        const pick = edge === 'rotation' ? 0 : byAge(model).findIndex((c) => c.nodeUid === down!.uid);
        const cert = byAge(model)[pick]!;
        const key = Object.entries(model.state.certificates).find(([, c]) => c === cert)![0];
        const command = new ClockToEdge(pick, edge, offset);
        expect(command.check(model)).toBe(true);
        await command.run(model, target);
        expect(model.state.clock).toBe(edgeTime(model, cert, edge) + offset);
        seen.push(reading[edge](model.state.certificates[key]!, cert));
      } finally {
        await target.close();
      }
    }
    expect(seen).toEqual(expected[edge]);
  }, 120_000);
});
