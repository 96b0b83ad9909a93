import type { Command } from './commands/command.ts';

/** The usage lines of some commands, as the real tool's help shows them. */
export const usageOf = (commands: readonly Command[]): string[] => commands.map((c) => `  rladmin ${c.usage}`);

/** Every command, and what it does under it. */
export const overview = (commands: readonly Command[]): string[] => commands.flatMap((c) => [`  rladmin ${c.usage}`, `      ${c.summary}`]);
