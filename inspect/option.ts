/** Where `npm run inspector` listens, and where `--inspect` without a URL streams to. */
export const DEFAULT_INSPECT_URL = 'ws://127.0.0.1:4242';

/**
 * `--inspect` takes an optional URL, which `node:util` parseArgs cannot express: a bare
 * `--inspect` (last, or followed by another option) becomes `--inspect=<default>`; an
 * `--inspect ws://…` or `--inspect=ws://…` is left as it is.
 */
export function withInspectDefault(argv: readonly string[]): string[] {
  return argv.map((arg, i) => {
    if (arg !== '--inspect') return arg;
    const next = argv[i + 1];
    return next === undefined || next.startsWith('-') ? `--inspect=${DEFAULT_INSPECT_URL}` : arg;
  });
}

/** A usable inspector URL, or why not. */
export function inspectUrlProblem(url: string): string | null {
  return /^wss?:\/\/[^/\s]+/.test(url) ? null : `--inspect takes a ws:// or wss:// URL, not "${url}"`;
}
