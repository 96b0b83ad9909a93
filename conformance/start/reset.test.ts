import { describe, expect, it } from 'vitest';
import { runSuite } from '../suite.ts';
import { inProcessTarget } from '../target/inProcess.ts';

const DAY_MS = 86_400_000;

// spec/control.md, POST /reset: a reset may build the new cluster at the current time or keep a
// clock that was moved ahead. The suite reads the clock after every reset, so either conforms.
describe('a reset that keeps the clock (the form reset-keeps-clock)', () => {
  it('conforms, with the clock kept ahead across the resets', async () => {
    const target = inProcessTarget({ forms: ['reset-keeps-clock'] });
    // How far ahead of the wall clock each reset left the cluster's clock.
    const ahead: number[] = [];
    const watched = {
      ...target,
      control: async (method: string, path: string, body?: unknown) => {
        const answer = await target.control!(method, path, body);
        if (path === '/reset') ahead.push(target.cluster.state.clock - Date.now());
        return answer;
      },
    };
    try {
      const r = await runSuite(watched, { areas: ['certificates'], profile: 'model', seed: 11, runs: 8, maxCommands: 10, graphSeeds: false });
      expect(r.failure?.error).toBeUndefined();
      expect(r.outcome).toBe('passed');
      // The form was exercised: some sequence started from a reset that kept a clock moved ahead.
      expect(ahead.some((ms) => ms > DAY_MS)).toBe(true);
    } finally {
      await target.close();
    }
  }, 120_000);
});
