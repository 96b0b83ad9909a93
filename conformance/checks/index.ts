import type { Check } from './check.ts';
import { dataPlane } from './dataPlane.ts';
import { internodeTls } from './internodeTls.ts';
import { nodeCertificates } from './nodeCertificates.ts';

export const CHECKS: readonly Check[] = [nodeCertificates, dataPlane, internodeTls];
export type { Check };
