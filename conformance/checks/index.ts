import type { Check } from './check.ts';
import { internodeTls } from './internodeTls.ts';

export const CHECKS: readonly Check[] = [internodeTls];
export type { Check };
