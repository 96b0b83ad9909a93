import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../mock/server/server.ts';
import { curlScript, reproducerFiles, type TracedRequest } from './reproducer.ts';
import { typescriptReproducer } from './reproducerTs.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs a reproducer as a user would (`node --import tsx FILE`), from the repository for tsx. */
function runReproducer(file: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    // Asynchronous: the servers answering the reproducer run in this very process.
    execFile(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

const write = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'repro-ts-')), 'conformance-failure.ts');
  writeFileSync(file, text);
  return file;
};

const AWKWARD = { name: "it's `quoted` ${HOME} $(id)\n\"two\" \\ lines", unicode: 'é 日本 \u2028 \u{1F600}' };

describe('the TypeScript reproducer', () => {
  it('is a standalone file of strict TypeScript that needs nothing but Node', () => {
    const file = write(typescriptReproducer([{ via: 'api', method: 'POST', path: '/v1/bdbs', body: AWKWARD, step: 'CreateDatabase', expected: 'accepted (2xx)', actual: '400 invalid_parameter' }], 3));
    const imports = [...readFileSync(file, 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.every((m) => m!.startsWith('node:'))).toBe(true);
    const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('sends every body byte for byte, quotes, backticks, ${ and newlines included', async () => {
    const received: { method: string; url: string; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ method: req.method!, url: req.url!, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(req.url === '/v1/bdbs' ? 200 : 404, { 'content-type': 'application/json' }).end(req.url === '/v1/bdbs' ? '[]' : '{"error_code":"not_found"}');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const trace: TracedRequest[] = [
        { via: 'control', method: 'POST', path: '/reset', body: { nodes: 3 }, step: 'reset' },
        { via: 'api', method: 'PUT', path: '/v1/bdbs/1', body: AWKWARD, step: 'UpdateDatabase(#1)', expected: '404 not_found', actual: '200' },
      ];
      const { code, out } = await runReproducer(write(typescriptReproducer(trace, 5)), { API: api, AUTH: 'u:p' });
      expect(received.map((r) => [r.method, r.url])).toContainEqual(['POST', '/control/v1/reset']);
      const put = received.find((r) => r.method === 'PUT')!;
      expect(JSON.parse(put.body)).toEqual(AWKWARD);
      expect(put.body).toBe(JSON.stringify(AWKWARD));
      expect(out).toContain('expected: 404 not_found');
      expect(code).toBe(0);
    } finally {
      server.close();
    }
  });

  it('replays against the mock server: exit 0 when the target behaves, 1 when the answer still differs', async () => {
    const server = await startMockServer({ credentials: { username: 'u', password: 'p' }, host: '127.0.0.6', httpsPort: 0, httpPort: 0 });
    try {
      const trace = (expected: string): TracedRequest[] => [
        { via: 'control', method: 'POST', path: '/reset', body: { nodes: 3, spare_hosts: 1, use_internal_ipv6: false }, step: 'reset to the starting topology' },
        { via: 'api', method: 'PUT', path: '/v1/nodes/2', body: { addr: '10.0.0.22' }, step: 'SetNodeAddress(node 2, "10.0.0.22")', expected, actual: '200' },
      ];
      const env = { API: server.httpsUrl, AUTH: 'u:p', INSECURE: '1' };
      const behaves = await runReproducer(write(typescriptReproducer(trace('406 node_not_offline'), 42)), env);
      expect(behaves.out).toContain('[1/2] reset to the starting topology');
      expect(behaves.out).toContain(`POST ${server.httpsUrl}/control/v1/reset`);
      expect(behaves.out).toContain('[2/2] SetNodeAddress(node 2, "10.0.0.22")');
      expect(behaves.out).toMatch(/expected: 406 node_not_offline\n\s+recorded: 200\n\s+now:\s+406 node_not_offline/);
      expect(behaves.out).toContain('PASS');
      expect(behaves.code).toBe(0);

      // A target that accepted the change where the specification refuses it: the same request,
      // judged against a deliberately different expectation, reproduces as a failure.
      const broken = await runReproducer(write(typescriptReproducer(trace('accepted (2xx)'), 42)), env);
      expect(broken.out).toMatch(/FAIL: .*expected accepted \(2xx\), now 406 node_not_offline/);
      expect(broken.code).toBe(1);

      // Without INSECURE=1 the self-signed certificate is refused: named as such, with the
      // reproducer's own fix (the classifier the suite and rladmin use, copied into the file).
      const verified = await runReproducer(write(typescriptReproducer(trace('406 node_not_offline'), 42)), { API: server.httpsUrl, AUTH: 'u:p', INSECURE: '0' });
      expect(verified.out).toMatch(/^The target's certificate is not trusted \([A-Z_]+: POST https:\/\/127\.0\.0\.6:\d+\/control\/v1\/reset: .*\): pass NODE_EXTRA_CA_CERTS=FILE \(the cluster's CA or proxy certificate\) or INSECURE=1$/m);
      expect(verified.out).not.toContain('The target cannot be reached');
      expect(verified.code).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('the reproducer files', () => {
  it('shares the environment and its defaults between the curl and the TypeScript reproducer', () => {
    const trace: TracedRequest[] = [{ via: 'api', method: 'GET', path: '/v1/nodes', step: 'read', expected: 'accepted (2xx)' }];
    for (const text of [curlScript(trace, 8), typescriptReproducer(trace, 8)]) {
      expect(text).toContain('Reproduces a conformance failure (seed 8)');
      expect(text).toContain('https://127.0.0.1:9443');
      expect(text).toContain('admin@example.com:admin');
    }
  });

  it('names both files from --reproducer, keeping a .sh name for the shell script', () => {
    expect(reproducerFiles()).toEqual({ sh: 'conformance-failure.sh', ts: 'conformance-failure.ts', json: 'conformance-failure.json' });
    expect(reproducerFiles('out/bug.sh')).toEqual({ sh: 'out/bug.sh', ts: 'out/bug.ts', json: 'out/bug.json' });
    expect(reproducerFiles('out/bug.ts')).toEqual({ sh: 'out/bug.sh', ts: 'out/bug.ts', json: 'out/bug.json' });
    expect(reproducerFiles('out/bug')).toEqual({ sh: 'out/bug.sh', ts: 'out/bug.ts', json: 'out/bug.json' });
  });
});
