import { AREA_NAMES, TAGS } from './select.ts';
import { DEFAULT_WORKERS } from '../parallel/run.ts';

/** The text of `--help`. */
export const USAGE = () => `Usage: npm run conformance -- [options]

Checks a Redis Enterprise–compatible cluster API against the specification (the machines in
machines/): random command sequences, the machines predicting every answer and state.
Without --target it checks the built-in mock, in-process. A target without the control
protocol's reset (a real cluster) is adopted as it is: the run creates only databases named with
its prefix, changes only settings it restores, and puts the cluster back after every sequence and
at the end (also on failure, time-out, SIGINT, SIGTERM). It reads GET /v1/cluster first.
Exit codes: 0 sequences ran and passed; 1 the target does not conform; 2 it could not be checked
(unreachable, credentials refused, certificate not trusted, nothing runnable, not restored).

Target:
  --target <url>        the REST API, e.g. https://127.0.0.1:9443
  --control <url>       its test-control protocol (spec/control.md), e.g. https://127.0.0.1:9443/control/v1
  --http-target <url>   where the same API is served over plain HTTP (cnm_http_port), e.g.
                        http://127.0.0.1:8080: runs the http-support check
  --hooks <file>        or: the control operations as shell hooks (YAML/JSON; a real cluster; see docs/conformance.md)
  --user <name>         Basic auth user
  --password <secret>   Basic auth password (default: $CONFORMANCE_PASSWORD)
  --ca <file>           trust this CA / self-signed certificate (PEM)
  --insecure            accept any certificate
  --timeout-ms <ms>     per request (default 10000)
  --rate-limit <n>      at most n requests per second
  --inspect [ws-url]    in-process only: stream the mock's machines to a Stately inspector (default ws://127.0.0.1:4242)
Run:
  --profile documented|model   how strictly answers are compared: documented (the default with
                        --target) compares what the vendor documents — documented error codes and
                        statuses exactly, decided ones (spec/semantics.md) by their 4xx class, the
                        run's own log entries; model (the default in-process) every answer exactly
  --area <names>        only these areas, comma-separated: ${AREA_NAMES.join(', ')}
  --requirement <ids>   only the areas that check these requirement IDs, comma-separated
  --tag <docs>          only the areas that check requirements of these documents, comma-separated:
                        ${TAGS.join(', ')}
  --fail-fast           stop after the first area that fails
  --workers <n>         in-process: run the areas on n threads at once, each with a mock of its own
                        (default: this machine's cores, ${DEFAULT_WORKERS}); the report is the one a single
                        thread gives for the same seed. With --target or --inspect: one (a server has one
                        cluster, which a reset in one worker would pull from under the others)
  --shard <i/n>         only the i-th of n equal runs of consecutive areas (the run's order), for n CI
                        machines: every area in exactly one shard
  --seed <n>            replay a run (printed by every run)
  --runs <n>            random command sequences per area (default 30); "mixed" first replays the
                        shortest paths to every machine transition
  --max-commands <n>    longest sequence (default 25)
  --clients <n>         also the concurrent area: batches of database changes and reads sent by n
                        clients at once, each batch's history checked for linearizability (default 1: none);
                        a target that offers crash (npm run mock -- --data-dir DIR) is crashed inside some batches
                        (and, with or without --clients, between two steps once a sequence)
  --time-budget <s>     stop starting sequences after this many seconds (default 120)
  --recheck-sequences <n>   in how many sequences of each area each costly check (certificates, the
                        internode listener, the data plane, http_support) is read again after each step that changes it
                        (default: every sequence with --target, 1 in-process)
  --report junit|json   the result as JUnit XML (one test case per requirement an area checks) or
                        JSON (the whole result, with tool version, options, times); to standard
                        output, the summary then going to standard error
  --out <file>          write the --report there instead
  --reproducer <name>   on failure, write <name>.sh (curl), <name>.ts (TypeScript) and <name>.json (the
                        result, for --replay); default conformance-failure
  --mutant <name>       in-process: check a deliberately broken variant of the mock (exits 1)
Information (nothing runs):
  --list                the areas and checks, the requirements each checks, the capabilities each needs
  --list-mutants        the broken variants --mutant takes, the requirement each breaks
Adopt mode (a target without the control protocol's reset, such as a real cluster):
  --max-databases <n>   at most n databases of the run's own at once (default 3)
  --database-memory <bytes>   memory_size of each database it creates (default 104857600, 100 MiB)
  --replay <file>       re-run the failure a result file holds (<name>.json, or --report json), with
                        its --mutant and --max-commands
  -h, --help
`;
