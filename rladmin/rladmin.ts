import { TargetUnreachable } from '../api/target.ts';
import { COMMANDS } from './commands/index.ts';
import type { Api, Command } from './commands/command.ts';
import { compile, match, mergeProblems, type Match, type Pattern } from './grammar.ts';
import { overview, usageOf } from './help.ts';
import { done, failed, usageError, type Outcome } from './outcome.ts';
import type { Waiting } from './wait.ts';

const COMPILED: readonly { readonly command: Command; readonly pattern: Pattern }[] = COMMANDS.map((command) => ({ command, pattern: compile(command.usage) }));

export const DEFAULT_WAITING: Waiting = { waitMs: 120_000, pollMs: 100 };

/** `rladmin help [<word> ...]`: every command, or those that start with the words given. */
function help(words: readonly string[]): Outcome {
  if (words.length === 0) return done('Commands:', ...overview(COMMANDS));
  const prefix = words.join(' ');
  const some = COMMANDS.filter((c) => c.usage === prefix || c.usage.startsWith(`${prefix} `));
  return some.length ? done('Usage:', ...usageOf(some)) : usageError([`No command starts with '${prefix}'.`, '', 'Commands:', ...overview(COMMANDS)]);
}

/**
 * Runs one rladmin command line (the words after `rladmin`) against a cluster's REST API. Wrong
 * syntax gets the usage of the nearest commands; a refusal, the cluster's words; a target that
 * cannot be reached, one line. Nothing here prints or exits: that is the caller's.
 */
export async function rladmin(words: readonly string[], api: Api, waiting: Waiting = DEFAULT_WAITING): Promise<Outcome> {
  if (words.length === 0) return usageError(['Missing command.', '', 'Commands:', ...overview(COMMANDS)]);
  if (words[0] === 'help') return help(words.slice(1));
  const results = COMPILED.map((c) => ({ ...c, result: match(c.pattern, words) }));
  const hit = results.find((r) => r.result.ok);
  if (hit?.result.ok) {
    try {
      return await hit.command.run(hit.result.values, { api, ...waiting });
    } catch (error) {
      // One line, never a stack trace. An answer that is not JSON comes from no cluster API.
      // A certificate it does not trust says so, with the fix: --ca or --insecure.
      if (error instanceof TargetUnreachable && error.untrusted) return { code: 2, stdout: '', stderr: `${error.message}\n` };
      if (error instanceof TargetUnreachable || error instanceof SyntaxError) {
        return { code: 2, stdout: '', stderr: `Cannot reach the cluster: ${error.message}\n` };
      }
      return failed((error as Error).message);
    }
  }
  const misses = results.map((r) => ({ command: r.command, miss: r.result as Extract<Match, { ok: false }> }));
  const best = Math.max(...misses.map((m) => m.miss.matched));
  if (best === 0) return usageError([`Unknown command '${words[0]}'.`, '', 'Commands:', ...overview(COMMANDS)]);
  const nearest = misses.filter((m) => m.miss.matched === best);
  return usageError([`Syntax error: ${mergeProblems(nearest.map((m) => m.miss))}.`, '', 'Usage:', ...usageOf(nearest.map((m) => m.command))]);
}
