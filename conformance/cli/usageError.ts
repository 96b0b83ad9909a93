/**
 * A mistake on the command line: printed as one line with where to read more, never the whole
 * usage text (which buries the line that says what was wrong).
 */
export class Usage extends Error {}

export const usageLine = (e: Usage): string => `${e.message} (see --help)`;
