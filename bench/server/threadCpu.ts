import { readFileSync } from 'node:fs';

/**
 * The CPU time the main thread has had, in microseconds, where the system tells it (Linux:
 * `/proc/self/task/<pid>/stat`, in clock ticks of 10 ms); undefined elsewhere. Unlike the event
 * loop's busy time, it does not count the time the thread was ready but the machine ran something
 * else, so it holds on a machine shared with other work. Node 20 has no per-thread CPU clock of
 * its own (`process.threadCpuUsage` came later), and `process.cpuUsage` counts every thread,
 * the load client's included.
 */
export function mainThreadCpuUs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, so it is skipped by its closing parenthesis).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return Number.isFinite(ticks) ? ticks * 10_000 : undefined;
  } catch {
    return undefined;
  }
}
