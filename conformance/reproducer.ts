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
    `# Reproduces a conformance failure (seed ${seed}). Point it at any target:`,
    '#   API=https://127.0.0.1:9443 CONTROL=$API/control/v1 AUTH=user:password bash this-file.sh',
    'set -u',
    'API=${API:-https://127.0.0.1:9443}',
    'CONTROL=${CONTROL:-$API/control/v1}',
    'AUTH=${AUTH:-admin@example.com:admin}',
    'call() { curl -sk -u "$AUTH" -w \'  → %{http_code}\\n\' -X "$1" -H "content-type: application/json" ${3:+-d "$3"} "$2"; }',
    '',
  ];
  for (const r of trace) {
    lines.push(`# ${r.step}`);
    if (r.expected) lines.push(`#   expected: ${r.expected}`);
    if (r.actual) lines.push(`#   actual:   ${r.actual}`);
    const base = r.via === 'control' ? '$CONTROL' : r.via === 'host' ? r.base : '$API';
    lines.push(`call ${r.method} "${base}${r.path}"${r.body === undefined ? '' : ` ${quote(JSON.stringify(r.body))}`}`);
  }
  return `${lines.join('\n')}\n`;
}
