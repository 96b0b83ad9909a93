import { readFileSync } from 'node:fs';
import { REPRODUCER_ENV, replayAddress, reproducerHeader, type TracedRequest } from './reproducer.ts';
import type { ReplayStep } from './reproducerRuntime.ts';

/**
 * The replay runtime, copied into every reproducer: it depends on nothing but Node, and the
 * certificate-trust classifier the suite and rladmin use (api/trust.ts), copied in ahead of it.
 */
const RUNTIME = [
  readFileSync(new URL('../api/trust.ts', import.meta.url), 'utf8').trimEnd(),
  '',
  readFileSync(new URL('./reproducerRuntime.ts', import.meta.url), 'utf8').replace(/^import \{[^}]*\} from '\.\.\/api\/trust\.ts';\n/m, ''),
].join('\n');

/**
 * A standalone TypeScript file replaying a failing sequence against any target (Node 20 with
 * tsx: `npx tsx conformance-failure.ts`). Its steps are data (JSON literals), so nothing in a
 * body is ever read as code; it exits 0 when the last step now gets the answer the
 * specification expects and 1 while it does not, which makes it a regression check too.
 */
export function typescriptReproducer(trace: readonly TracedRequest[], seed: number): string {
  const steps: ReplayStep[] = trace.map((r) => ({
    ...replayAddress(r),
    method: r.method,
    ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
    step: r.step,
    ...(r.expected !== undefined ? { expected: r.expected } : {}),
    ...(r.actual !== undefined ? { actual: r.actual } : {}),
    ...(r.concurrent !== undefined ? { concurrent: r.concurrent, after: r.after ?? 0 } : {}),
  }));
  const header = [
    ...reproducerHeader(seed, 'npx tsx this-file.ts'),
    'Runs on Node 20 through tsx (Node 20 cannot strip types itself; Node >= 22.6 also runs it with',
    '`node --experimental-strip-types`). It imports only Node built-ins.',
    'HTTPS: the certificate is verified; NODE_EXTRA_CA_CERTS=ca.pem trusts a CA, INSECURE=1 accepts any.',
    'Exit code: 0 the last step now gets the answer the specification expects (the target behaves),',
    '1 it still does not (the failure reproduces), 2 the target cannot be reached.',
  ];
  // The defaults the curl script has; CONTROL's refers to API.
  const env = Object.entries(REPRODUCER_ENV).map(([name, fallback]) =>
    `const ${name} = process.env.${name} || ${JSON.stringify(fallback)}${fallback.includes('$API') ? ".split('$API').join(API)" : ''};`,
  );
  return [
    ...header.map((l) => `// ${l}`),
    '',
    RUNTIME.trimEnd(),
    '',
    '// The failing sequence, as the suite sent it.',
    `const steps: ReplayStep[] = ${JSON.stringify(steps, null, 2)};`,
    '',
    ...env,
    "const env: ReplayEnv = { API, CONTROL, AUTH, INSECURE: process.env.INSECURE === '1' };",
    'replay(steps, env).then((code) => {',
    '  process.exitCode = code;',
    '});',
    '',
  ].join('\n');
}
