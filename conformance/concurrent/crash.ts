import { TargetUnreachable, type Target } from '../../api/target.ts';

/** At most this many milliseconds between a crash's 202 and the crash: inside the batch it cuts, or just after. */
export const MAX_CRASH_AFTER_MS = 30;

/** How long a target may take to go down after the moment it was asked to crash at. */
const DOWN_WITHIN_MS = 5_000;
/** How long it may take to answer again once down (a process restarted on its data). */
export const UP_WITHIN_MS = 60_000;
const POLL_MS = 25;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks the target to crash `afterMs` from its answer (spec/control.md, `POST /crash`). Anything
 * but 202 is the control protocol broken, not a conformance failure: the run cannot go on.
 */
export async function requestCrash(target: Target, afterMs: number): Promise<void> {
  const a = await target.control!('POST', '/crash', { after_ms: afterMs });
  if (a.status !== 202) throw new TargetUnreachable(`control POST /crash {"after_ms":${afterMs}} answered ${a.status} ${JSON.stringify(a.body).slice(0, 120)}, not 202`);
}

/**
 * Whether the REST API answers now: false while nothing listens, and while a proxy in front of a
 * restarting cluster manager answers for it with a 5xx (a real cluster's crash hook).
 */
async function answers(target: Target): Promise<boolean> {
  try {
    return (await target.api('GET', '/v1/cluster')).status < 500;
  } catch (e) {
    if (e instanceof TargetUnreachable && !e.untrusted) return false;
    throw e;
  }
}

/**
 * Waits until the crash has happened and the target answers again: first seen down (it
 * promised to crash; a target that never does is not crashing as asked), then answering. Each
 * wait is bounded, with an error that says which one ran out.
 */
export async function awaitRestart(target: Target, label: string, crash: { readonly asked: number; readonly afterMs: number; readonly seenDown: boolean }): Promise<number> {
  const { asked, afterMs } = crash;
  const downBy = asked + afterMs + DOWN_WITHIN_MS;
  // A request of the batch that found nothing listening has seen it down already.
  while (!crash.seenDown && (await answers(target))) {
    if (Date.now() > downBy) throw new TargetUnreachable(`${label}: the target was asked to crash ${afterMs} ms after POST /crash, but still answered ${DOWN_WITHIN_MS} ms later`);
    await sleep(POLL_MS);
  }
  const down = Date.now();
  while (!(await answers(target))) {
    if (Date.now() - down > UP_WITHIN_MS) throw new TargetUnreachable(`${label}: the target crashed as asked but did not answer again within ${UP_WITHIN_MS / 1000} s (is it supervised, restarted on its data?)`);
    await sleep(POLL_MS);
  }
  return Date.now() - down;
}
