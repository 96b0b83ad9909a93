import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { SYSTEM_RESERVED } from '../domain/rules/ports.ts';
import { initialState } from '../domain/state.ts';
import { Mismatch } from './mismatch.ts';
import { Comparison } from './comparison.ts';
import { compareReservedList } from './reservedList.ts';
import { haveSamples, readSample } from '../spec/samples.ts';

const state = initialState();
const compare = (list: unknown, s = state) => compareReservedList(new Comparison('a step'), { system_reserved_ports: list }, s);
const every = (ranges = SYSTEM_RESERVED.filter((r) => r.from !== 20_000)) => ranges.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i));
const api = [8080, 8443, 9443];

describe('[PORT-TBL-003] the ports a cluster lists as its own', () => {
  it("holds of every fixed port and the API ports, without the shard pool, with more of the cluster's own", () => {
    expect(() => compare([...every(), ...api, 3346, 10050])).not.toThrow();
    // One port of a range is enough: a real cluster lists 3333-3336 and 3339-3341 of 3333-3341.
    expect(() => compare([...every().filter((p) => p !== 3337 && p !== 3338 && p !== 36380), ...api])).not.toThrow();
  });

  it('sees a range, a single port or a configured port left out, and the shard pool listed instead', () => {
    expect(() => compare([...every().filter((p) => p !== 1968), ...api])).toThrow(/system_reserved_ports has 1968/);
    expect(() => compare([...every().filter((p) => p < 3333 || p > 3341), ...api])).toThrow(/one of 3333-3341/);
    expect(() => compare([...every(), 8080, 9443])).toThrow(/has cm_port/);
    expect(() => compare([...api, ...Array.from({ length: 10_000 }, (_, i) => 20_000 + i)])).toThrow(Mismatch);
    expect(() => compare(undefined)).toThrow(Mismatch);
  });

  it('follows a configured port where it is moved', () => {
    const moved = produce(state, (d) => void (d.config.cmPort = 8500));
    expect(() => compare([...every(), ...api], moved)).toThrow(/has cm_port/);
    expect(() => compare([...every(), 8080, 8500, 9443], moved)).not.toThrow();
  });

  it.skipIf(!haveSamples())("holds of a real cluster's answer", () => {
    expect(() => compare(JSON.parse(readSample('cluster.json')).system_reserved_ports)).not.toThrow();
  });
});
