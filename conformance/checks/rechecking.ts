import type { Check } from './check.ts';
import { dataPlane } from './dataPlane.ts';
import { httpSupport } from './httpSupport.ts';
import { internodeTls } from './internodeTls.ts';
import { nodeCertificates } from './nodeCertificates.ts';

/**
 * The checks that are also read again after the steps that change their subject (a step runs
 * them: conformance/step.ts). Kept apart from `CHECKS`, whose others drive the suite's own
 * commands and so would import the step back.
 */
export const RECHECKING: readonly Check[] = [nodeCertificates, dataPlane, internodeTls, httpSupport];
