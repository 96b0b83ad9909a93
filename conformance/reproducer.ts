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

/**
 * A shell script of curl calls that replays a failing sequence against any target: the reset
 * that starts it, then every state-changing request the suite made, each with the answer the
 * specification predicts and the one the target gave, as comments.
 */
export function curlScript(trace: readonly TracedRequest[], seed: number): string {
  const lines = [
    '#!/usr/bin/env bash',
    ...reproducerHeader(seed, 'bash this-file.sh').map((l) => `# ${l}`),
    'set -u',
    ...Object.entries(REPRODUCER_ENV).map(([name, value]) => `${name}=\${${name}:-${value}}`),
    'call() { curl -sk -u "$AUTH" -w \'  → %{http_code}\\n\' -X "$1" -H "content-type: application/json" ${3:+-d "$3"} "$2"; }',
    '',
  ];
  trace.forEach((r, i) => {
    // A concurrent batch: its requests start together (`&`) and the script waits for them all.
    const together = r.concurrent !== undefined;
    const last = together && trace[i + 1]?.concurrent !== r.concurrent;
    lines.push(`# ${r.step}`);
    if (r.expected) lines.push(`#   expected: ${r.expected}`);
    if (r.actual) lines.push(`#   actual:   ${r.actual}`);
    if (r.state) lines.push(`#   then:     ${r.state}`);
    const { via, path } = replayAddress(r);
    const base = { control: '$CONTROL', api: '$API', url: '' }[via];
    const call = `call ${r.method} "${base}${path}"${r.body === undefined ? '' : ` ${quote(JSON.stringify(r.body))}`}`;
    lines.push(!together ? call : r.after ? `{ sleep ${(r.after / 1000).toFixed(3)}; ${call}; } &` : `${call} &`);
    if (last) lines.push('wait');
  });
  return `${lines.join('\n')}\n`;
}
