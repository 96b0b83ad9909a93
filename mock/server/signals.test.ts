import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

/** Whether nothing listens on the port any more: binding it is the one way to know. */
function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (alive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

// `npm run mock` is npm, a shell and the mock's own process. Ctrl-C signals the whole process
// group; `kill` signals one process: npm dies of a SIGTERM without passing it on (the mock notices
// its parent gone), the mock stops on its own.
describe.concurrent('stopping npm run mock by a signal', () => {
  it.each([
    ['SIGINT', 'group'],
    ['SIGTERM', 'npm'],
    ['SIGINT', 'mock'],
    ['SIGTERM', 'mock'],
  ] as const)('%s to the %s closes every listener', { timeout: 120_000 }, async (signal, whom) => {
    const npm = spawn('npm', ['run', '-s', 'mock', '--', '--https-port', '0', '--http-port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    let out = '';
    const listening = await new Promise<{ https: string; http: string; pid: number; ca: string }>((resolve, reject) => {
      npm.stdout.on('data', (chunk: Buffer) => {
        out += chunk;
        const line = /^\{"listening":.*\}$/m.exec(out);
        if (line) resolve(JSON.parse(line[0]).listening);
      });
      npm.on('exit', () => reject(new Error(`the mock exited before listening: ${out}`)));
    });
    const ports = [Number(new URL(listening.https).port), Number(new URL(listening.http).port)];
    expect(await free(ports[0]!)).toBe(false);
    expect(existsSync(listening.ca)).toBe(true);
    process.kill({ group: -npm.pid!, npm: npm.pid!, mock: listening.pid }[whom], signal);
    expect(await gone(listening.pid, 60_000)).toBe(true);
    for (const port of ports) expect(await free(port), `port ${port}`).toBe(true);
    // Only a clean stop removes the CA file it wrote; npm, signalled itself, dies of it, else it tells the mock's exit code.
    expect(existsSync(listening.ca)).toBe(false);
    if (whom === 'mock') expect(await exited).toBe(0);
  });
});
