import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TargetUnreachable } from '../../../api/target.ts';
import type { HooksConfig } from './config.ts';
import { HookFailed, hooksControl } from './hooksControl.ts';
import type { HookResult, HookRun } from './shell.ts';

const hook = (run: string) => ({ run, timeoutMs: 1000 });
const config = (hooks: HooksConfig['hooks'], hosts: HooksConfig['hosts'] = []): HooksConfig => ({ dir: '/lab', hooks, hosts });
const HOSTS = [
  { host: 'node1.lab', addresses: ['10.0.0.1'], node_uid: 1, bootstrap_url: null },
  { host: 'node2.lab', addresses: ['10.0.0.2'], node_uid: 2, bootstrap_url: null },
];

/** A runner that records what it was asked and answers with the scripted results. */
function scripted(...results: Partial<HookResult>[]) {
  const runs: HookRun[] = [];
  const runner = async (r: HookRun): Promise<HookResult> => {
    runs.push(r);
    return { code: 0, stdout: '', stderr: '', timedOut: false, ...results[runs.length - 1] };
  };
  return { runs, runner };
}

describe('the control protocol from shell hooks', () => {
  it('offers exactly the hooks configured, and answers the others not_supported', async () => {
    const { runs, runner } = scripted();
    const control = hooksControl(config({ reset: hook('r'), clock: hook('c') }), runner);
    expect(await control('GET', '/capabilities')).toEqual({ status: 200, body: { version: 1, capabilities: ['reset', 'clock'] } });
    expect(await control('POST', '/nodes/1/power', { state: 'down' })).toMatchObject({ status: 404, body: { error_code: 'not_supported' } });
    expect(await control('POST', '/ports/12000')).toMatchObject({ status: 404, body: { error_code: 'not_supported' } });
    expect(await control('POST', '/teleport')).toMatchObject({ status: 404, body: { error_code: 'not_supported' } });
    expect(runs).toEqual([]);
  });

  it('runs reset with the topology in RE_* variables, in the file\'s directory, and answers the hosts', async () => {
    const { runs, runner } = scripted({ stdout: 'resetting…\ndone\n' });
    const control = hooksControl(config({ reset: hook('./reset.sh') }, HOSTS), runner);
    const body = { nodes: 3, spare_hosts: 1, use_internal_ipv6: false };
    expect(await control('POST', '/reset', body)).toEqual({ status: 200, body: HOSTS });
    expect(runs).toEqual([
      {
        name: 'reset',
        command: './reset.sh',
        cwd: '/lab',
        timeoutMs: 1000,
        env: { RE_OPERATION: 'POST /reset', RE_BODY: JSON.stringify(body), RE_NODES: '3', RE_SPARE_HOSTS: '1', RE_USE_INTERNAL_IPV6: 'false', RE_NAME: '' },
      },
    ]);
  });

  it('takes a JSON list printed by reset as the hosts', async () => {
    const printed = [{ host: 'host-1', addresses: ['10.0.0.1'], node_uid: 1, bootstrap_url: 'https://x/hosts/host-1' }];
    const control = hooksControl(config({ reset: hook('r') }), scripted({ stdout: JSON.stringify(printed) }).runner);
    expect((await control('POST', '/reset', {})).body).toEqual(printed);
    expect(await control('GET', '/hosts')).toEqual({ status: 200, body: printed });
  });

  it('powers a node with its uid, state and host, answering the status the API then shows', async () => {
    const { runs, runner } = scripted({}, { stdout: '{"status":"active"}' });
    const api = async (method: string, path: string) => ({ status: 200, body: { uid: 2, status: method === 'GET' && path === '/v1/nodes/2' ? 'down' : '?' } });
    const control = hooksControl(config({ power: hook('p') }, HOSTS), runner, api);
    expect(await control('POST', '/nodes/2/power', { state: 'down' })).toEqual({ status: 200, body: { status: 'down' } });
    expect(runs[0]!.env).toMatchObject({ RE_NODE_UID: '2', RE_STATE: 'down', RE_HOST: 'node2.lab' });
    // What the hook prints as JSON is the answer.
    expect(await control('POST', '/nodes/2/power', { state: 'up' })).toEqual({ status: 200, body: { status: 'active' } });
    expect(await control('POST', '/nodes/2/power', { state: 'sideways' })).toMatchObject({ status: 400, body: { error_code: 'invalid_parameter' } });
    expect(runs).toHaveLength(2);
  });

  it('sets a known host\'s addresses and shows them in GET /hosts; an unknown host is not found', async () => {
    const { runs, runner } = scripted();
    const control = hooksControl(config({ 'host-addresses': hook('a') }, HOSTS), runner);
    expect(await control('PUT', '/hosts/node1.lab/addresses', { addresses: ['10.0.0.31', '2001:db8::31'] })).toEqual({ status: 200, body: { ...HOSTS[0], addresses: ['10.0.0.31', '2001:db8::31'] } });
    expect(runs[0]!.env).toMatchObject({ RE_HOST: 'node1.lab', RE_ADDRESSES: '10.0.0.31 2001:db8::31' });
    expect((await control('GET', '/hosts')).body[0].addresses).toEqual(['10.0.0.31', '2001:db8::31']);
    expect(await control('PUT', '/hosts/node9.lab/addresses', { addresses: ['10.0.0.9'] })).toMatchObject({ status: 404, body: { error_code: 'host_not_found' } });
    expect(await control('PUT', '/hosts/node1.lab/addresses', { addresses: '10.0.0.9' })).toMatchObject({ status: 400, body: { error_code: 'invalid_parameter' } });
    expect(runs).toHaveLength(1);
  });

  it('reads the clock without a clock hook (the wall clock), and refuses to move it', async () => {
    const control = hooksControl(config({ reset: hook('r') }), scripted().runner);
    const before = Date.now();
    const answer = await control('POST', '/clock', { advance_days: 0 });
    expect(answer.status).toBe(200);
    expect(Date.parse(answer.body.now)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(answer.body.now)).toBeLessThanOrEqual(Date.now());
    expect(await control('POST', '/clock', { advance_days: 31 })).toMatchObject({ status: 404, body: { error_code: 'not_supported' } });
  });

  it('moves the clock with its hook, answering the time it prints', async () => {
    const { runs, runner } = scripted({ stdout: '2031-01-01T00:00:00Z\n' }, { stdout: '{"now":"2031-02-01T00:00:00.000Z"}' }, { stdout: 'moved\n' });
    const control = hooksControl(config({ clock: hook('c') }), runner);
    expect(await control('POST', '/clock', { advance_days: 31 })).toEqual({ status: 200, body: { now: '2031-01-01T00:00:00Z' } });
    expect(runs[0]!.env).toMatchObject({ RE_ADVANCE_DAYS: '31', RE_NOW: '' });
    expect(await control('POST', '/clock', { now: '2031-02-01T00:00:00Z' })).toEqual({ status: 200, body: { now: '2031-02-01T00:00:00.000Z' } });
    expect(await control('POST', '/clock', { advance_days: -1 })).toMatchObject({ status: 400 });
    await expect(control('POST', '/clock', { advance_days: 1 })).rejects.toThrow(/hook clock must print the cluster's time.*moved/);
  });

  it('answers the listener and endpoint a hook prints, and fails a hook that prints none', async () => {
    const { runs, runner } = scripted({ stdout: '{"host":"10.0.0.1","port":3342}' }, { stdout: 'no idea' });
    const control = hooksControl(config({ 'internode-tls': hook('i'), 'data-plane': hook('d') }, HOSTS), runner);
    expect(await control('GET', '/nodes/1/internode')).toEqual({ status: 200, body: { host: '10.0.0.1', port: 3342 } });
    expect(runs[0]!.env).toMatchObject({ RE_NODE_UID: '1', RE_HOST: 'node1.lab' });
    await expect(control('GET', '/bdbs/4/endpoint')).rejects.toThrow('hook data-plane must print where the endpoint is');
    expect(runs[1]!.env).toMatchObject({ RE_BDB_UID: '4' });
  });

  it('fails the operation, and every later one, when a hook exits non-zero or times out', async () => {
    const failing = hooksControl(config({ reset: hook('r'), power: hook('p') }), scripted({ code: 1, stderr: 'ssh: connect to host node1.lab: Connection refused\n' }).runner);
    const error = await failing('POST', '/reset', {}).catch((e) => e);
    expect(error).toBeInstanceOf(HookFailed);
    expect(error).toBeInstanceOf(TargetUnreachable);
    expect(error.message).toBe('hook reset (POST /reset) exited with code 1: ssh: connect to host node1.lab: Connection refused');
    // The cluster's state is unknown now: nothing more is run.
    await expect(failing('POST', '/nodes/1/power', { state: 'up' })).rejects.toBe(error);

    const hanging = hooksControl(config({ power: hook('p') }), scripted({ code: null, timedOut: true, stdout: 'waiting for node…' }).runner);
    await expect(hanging('POST', '/nodes/1/power', { state: 'down' })).rejects.toThrow('hook power (POST /nodes/1/power) did not finish within 1 s; its process group was killed. Output: waiting for node…');
  });

  it('passes values from paths and bodies only through the environment', async () => {
    const { runs, runner } = scripted();
    const weird = 'h$(id);`x`';
    const control = hooksControl(config({ 'host-addresses': hook('a') }, [{ host: weird, addresses: [], node_uid: null, bootstrap_url: null }]), runner);
    expect((await control('PUT', `/hosts/${encodeURIComponent(weird)}/addresses`, { addresses: ["'; rm -rf /"] })).status).toBe(200);
    expect(runs[0]!.command).toBe('a');
    expect(runs[0]!.env).toMatchObject({ RE_HOST: weird, RE_ADDRESSES: "'; rm -rf /" });
    expect(await control('PUT', '/hosts/%E0%A4%A/addresses', { addresses: ['1'] })).toMatchObject({ status: 400 });
  });

  it('runs real shell hooks without interpreting what the values hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooks-'));
    const host = 'lab$(touch pwned1);`touch pwned2`';
    const addresses = ["10.0.0.9'; touch pwned3; echo '", '"$(touch pwned4)"', '${IFS}*'];
    const control = hooksControl({ dir, hooks: { 'host-addresses': { run: `printf '%s|%s' "$RE_HOST" "$RE_ADDRESSES" > got`, timeoutMs: 10_000 } }, hosts: [{ host, addresses: [], node_uid: null, bootstrap_url: null }] });
    expect((await control('PUT', `/hosts/${encodeURIComponent(host)}/addresses`, { addresses })).status).toBe(200);
    expect(readFileSync(join(dir, 'got'), 'utf8')).toBe(`${host}|${addresses.join(' ')}`);
    expect([1, 2, 3, 4].filter((i) => existsSync(join(dir, `pwned${i}`)))).toEqual([]);
  });
  it('answers crash 202 at once and runs its hook after_ms later, a failing hook failing the next operation', async () => {
    const { runs, runner } = scripted({ code: 1, stderr: 'systemctl: unit not found' });
    const control = hooksControl(config({ crash: hook('ssh node1.lab sudo pkill -KILL cnm_http') }), runner);
    expect((await control('GET', '/capabilities')).body.capabilities).toEqual(['crash']);
    expect(await control('POST', '/crash', { after_ms: 'soon' })).toMatchObject({ status: 400, body: { error_code: 'invalid_parameter' } });
    const asked = Date.now();
    expect(await control('POST', '/crash', { after_ms: 40 })).toEqual({ status: 202, body: { after_ms: 40 } });
    // Answered before the hook ran: the suite's requests go out while it is still to come.
    expect(runs).toEqual([]);
    while (runs.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(Date.now() - asked).toBeGreaterThanOrEqual(39);
    expect(runs[0]).toMatchObject({ name: 'crash', env: { RE_OPERATION: 'POST /crash', RE_AFTER_MS: '40' } });
    await new Promise((r) => setTimeout(r, 5));
    await expect(control('GET', '/hosts')).rejects.toThrow('hook crash (POST /crash) exited with code 1: systemctl: unit not found');
  });
});
