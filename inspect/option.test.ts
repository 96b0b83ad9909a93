import { describe, expect, it } from 'vitest';
import { DEFAULT_INSPECT_URL, inspectUrlProblem, withInspectDefault } from './option.ts';

describe('--inspect [ws-url]', () => {
  it('takes the default endpoint when no URL follows', () => {
    expect(withInspectDefault(['--inspect'])).toEqual([`--inspect=${DEFAULT_INSPECT_URL}`]);
    expect(withInspectDefault(['--inspect', '--nodes', '5'])).toEqual([`--inspect=${DEFAULT_INSPECT_URL}`, '--nodes', '5']);
  });

  it('keeps a URL given either way', () => {
    expect(withInspectDefault(['--inspect', 'ws://127.0.0.1:9000'])).toEqual(['--inspect', 'ws://127.0.0.1:9000']);
    expect(withInspectDefault(['--inspect=ws://h:1', '--ipv6'])).toEqual(['--inspect=ws://h:1', '--ipv6']);
  });

  it('accepts only WebSocket URLs', () => {
    expect(inspectUrlProblem('ws://127.0.0.1:4242')).toBeNull();
    expect(inspectUrlProblem('wss://inspector.example:443/x')).toBeNull();
    expect(inspectUrlProblem('http://127.0.0.1:4242')).toMatch(/ws:\/\//);
  });
});
