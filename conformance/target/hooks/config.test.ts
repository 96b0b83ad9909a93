import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HooksConfigError, loadHooksConfig, parseHooksConfig } from './config.ts';

const bad = (text: string) => {
  try {
    parseHooksConfig(text, 'hooks.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(HooksConfigError);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('a hooks file', () => {
  it('reads YAML or JSON: a command per hook, or one with its own timeout, the hosts, the file\'s directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooks-'));
    writeFileSync(join(dir, 'h.yaml'), ['timeout_seconds: 30', 'hooks:', '  reset: ./reset.sh', '  power: { run: ./power.sh, timeout_seconds: 300 }', 'hosts:', '  - { host: node1.lab, node_uid: 1, addresses: [10.0.0.1] }', '  - { host: spare.lab, node_uid: null }'].join('\n'));
    expect(loadHooksConfig(join(dir, 'h.yaml'))).toEqual({
      dir,
      hooks: { reset: { run: './reset.sh', timeoutMs: 30_000 }, power: { run: './power.sh', timeoutMs: 300_000 } },
      hosts: [
        { host: 'node1.lab', node_uid: 1, addresses: ['10.0.0.1'], bootstrap_url: null },
        { host: 'spare.lab', node_uid: null, addresses: [], bootstrap_url: null },
      ],
    });
    expect(parseHooksConfig('{"hooks": {"clock": "date -u"}}', join(dir, 'h.json')).hooks).toEqual({ clock: { run: 'date -u', timeoutMs: 120_000 } });
  });

  it('is refused with the field named: unknown fields, wrong types, nothing configured', () => {
    expect(bad('hooks: { reset: a, powr: b }')).toMatch(/hooks\.yaml: hooks: unknown field "powr" \(hooks: reset, power, host-addresses/);
    expect(bad('hooks: { reset: a }\nretries: 3')).toContain('unknown field "retries"');
    expect(bad('hooks: { reset: { run: a, timeout: 3 } }')).toContain('hooks.reset: unknown field "timeout"');
    expect(bad('hooks: { reset: 3 }')).toContain('hooks.reset: must be string,object');
    expect(bad('hooks: { reset: "" }')).toContain('hooks.reset: must NOT have fewer than 1 characters');
    expect(bad('hooks: {}')).toContain('hooks: must NOT have fewer than 1 properties');
    expect(bad('hosts: []')).toContain("must have required property 'hooks'");
    expect(bad('timeout_seconds: 0\nhooks: { reset: a }')).toContain('timeout_seconds: must be > 0');
    expect(bad('hooks: { reset: a }\nhosts: [{ host: h, node_uid: 0 }]')).toContain('hosts.0.node_uid: must be >= 1');
    expect(bad('hooks: { reset: a')).toContain('not YAML or JSON');
    expect(() => loadHooksConfig('/nonexistent/hooks.yaml')).toThrow(/\/nonexistent\/hooks.yaml: ENOENT/);
  });

  it('accepts the example docs/conformance.md shows', () => {
    const readme = readFileSync(new URL('../../../docs/conformance.md', import.meta.url), 'utf8');
    const example = /```yaml\n(# conformance-hooks\.yaml[\s\S]*?)```/.exec(readme)![1]!;
    const config = parseHooksConfig(example, 'conformance-hooks.yaml');
    expect(Object.keys(config.hooks)).toEqual(['reset', 'power', 'host-addresses', 'clock']);
    expect(config.hooks.power!.timeoutMs).toBe(300_000);
  });
});
