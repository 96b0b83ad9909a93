import { readFileSync } from 'node:fs';

/** One request the suite sent, as it went out, with what it expected and what came back. */
export interface TracedRequest {
  readonly via: 'api' | 'control' | 'host';
  /** The host API's base URL, for `via: 'host'`. */
  readonly base?: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly step: string;
  readonly expected?: string;
  readonly actual?: string;
  /** The model's state once the step was taken as predicted (`Model.summary`). */
  readonly state?: string;
  /** The batch it was sent in, together with the others of the same batch (a run with `--clients`). */
  readonly concurrent?: string;
  /** In a batch: milliseconds after the batch's start it was sent. */
  readonly after?: number;
}

/**
 * The environment both reproducers read, with the same defaults: where the API and the control
 * protocol are, and the Basic credentials.
 */
export const REPRODUCER_ENV = {
  API: 'https://127.0.0.1:9443',
  CONTROL: '$API/control/v1',
  AUTH: 'admin@example.com:admin',
} as const;

/** The opening comment of a reproducer, without the comment marker. */
export function reproducerHeader(seed: number, run: string): string[] {
  return [
    `Reproduces a conformance failure (seed ${seed}). Point it at any target:`,
    `  API=${REPRODUCER_ENV.API} CONTROL=${REPRODUCER_ENV.CONTROL} AUTH=user:password ${run}`,
    `Defaults: API=${REPRODUCER_ENV.API}, CONTROL=${REPRODUCER_ENV.CONTROL}, AUTH=${REPRODUCER_ENV.AUTH}.`,
  ];
}

/** Where a failure's reproducers go: `--reproducer FILE` names the shell script or the base of both. */
export function reproducerFiles(name = 'conformance-failure'): { sh: string; ts: string; json: string } {
  const base = name.replace(/\.(sh|ts)$/, '');
  // The JSON is the run's result: `--replay` takes it.
  return { sh: name.endsWith('.sh') ? name : `${base}.sh`, ts: `${base}.ts`, json: `${base}.json` };
}

/**
 * Where a traced request is replayed: against $API or $CONTROL where it can be. A host's own API
 * served under `/hosts/<host>` of the target (as the mock does) becomes `$API/hosts/<host>`, so
 * the reproducer follows the target it is pointed at; any other host URL is kept as it was.
 */
export function replayAddress(r: TracedRequest): { via: 'api' | 'control' | 'url'; path: string } {
  if (r.via !== 'host') return { via: r.via, path: r.path };
  const host = /\/hosts\/[^/]+$/.exec(new URL(r.base!).pathname);
  return host ? { via: 'api', path: `${host[0]}${r.path}` } : { via: 'url', path: `${r.base}${r.path}` };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Other names the curl script takes for a variable (the suite's own option names). */
const ALIASES: Partial<Record<keyof typeof REPRODUCER_ENV, string>> = { API: 'TARGET' };

/**
 * The script's helpers (reproducerRuntime.sh), copied into every script: only bash and curl. The
 * answer's `error_code` is found with grep in the body stripped of blanks, so no JSON tool
 * (python3, jq) is needed.
 */
const RUNTIME = readFileSync(new URL('./reproducerRuntime.sh', import.meta.url), 'utf8').replace(/^#!.*\n/, '').trimEnd();

/**
 * A shell script of curl calls that replays a failing sequence against any target: the reset
 * that starts it, then every state-changing request the suite made, each checked against the
 * answer the specification predicts (its status, and the error_code of a refusal). It ends with a
 * verdict: exit 1 naming the first step that differs while the target still fails, 0 once every
 * step is answered as specified, 2 when the target cannot be reached or the sequence holds
 * concurrent batches (no single expected answer: the suite's search judges them). What the suite compared in
 * a read after the last step is in the comments, not checked: the script judges the answers.
 */
export function curlScript(trace: readonly TracedRequest[], seed: number): string {
  const lines = [
    '#!/usr/bin/env bash',
    ...reproducerHeader(seed, 'bash this-file.sh').map((l) => `# ${l}`),
    '# TARGET is another name for API. TLS: CA=ca.pem verifies the certificate; without CA it is not',
    '# checked, unless INSECURE=0. Exit code: 0 every step is answered as the specification expects,',
    '# 1 a step still differs (the failure reproduces), 2 the target cannot be reached or the sequence',
    '# holds concurrent batches (their answers are shown; only the suite judges them).',
    'set -u',
    ...Object.entries(REPRODUCER_ENV).map(([name, value]) => {
      const alias = ALIASES[name as keyof typeof REPRODUCER_ENV];
      return alias ? `${name}=\${${name}:-\${${alias}:-${value}}}` : `${name}=\${${name}:-${value}}`;
    }),
    RUNTIME,
    '',
  ];
  const judged = trace.every((r) => r.concurrent === undefined);
  trace.forEach((r, i) => {
    // A concurrent batch: its requests start together (`&`) and the script waits for them all. A
    // batch has no single expected answer per request (any serial order the machines allow would
    // do), so its answers are shown, not checked.
    const together = r.concurrent !== undefined;
    const last = together && trace[i + 1]?.concurrent !== r.concurrent;
    lines.push(`# ${r.step}`);
    if (r.expected) lines.push(`#   expected: ${r.expected}`);
    if (r.actual) lines.push(`#   actual:   ${r.actual}`);
    if (r.state) lines.push(`#   then:     ${r.state}`);
    const { via, path } = replayAddress(r);
    const base = { control: '$CONTROL', api: '$API', url: '' }[via];
    lines.push(`STEP=${i + 1}; echo ${quote(`[${i + 1}/${trace.length}] ${r.method} ${path}`)}`);
    const call = `call ${r.method} "${base}${path}"${r.body === undefined ? '' : ` ${quote(JSON.stringify(r.body))}`}`;
    if (together) {
      lines.push(r.after ? `{ sleep ${(r.after / 1000).toFixed(3)}; ${call}; } &` : `${call} &`);
      if (last) lines.push('wait', 'settle');
      return;
    }
    lines.push(call);
    if (r.expected) lines.push(`check ${quote(r.expected)}`);
    if (via === 'api' && r.method !== 'GET') lines.push('settle');
  });
  lines.push(
    '',
    'if [ "$DIFFERS" -gt 0 ]; then',
    '  echo "FAIL: $DIFFERS step(s) differ from the specification; the first, $FIRST"',
    '  exit 1',
    'fi',
    ...(judged
      ? ['echo "PASS: every step is answered as the specification expects"']
      : [
          // Whether concurrent answers are linearizable is the suite's search, not a script's.
          'echo "NO VERDICT: the concurrent batches\' answers are shown above; whether some serial order explains them, the suite decides (npm run conformance -- --replay … --clients N)"',
          'exit 2',
        ]),
  );
  return `${lines.join('\n')}\n`;
}
