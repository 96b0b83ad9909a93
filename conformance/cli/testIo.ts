import { main } from './main.ts';

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI run in this process, its two streams kept apart as a shell keeps them. */
export async function cli(...args: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), tty: false });
  return { code, stdout, stderr };
}
