import type { Check } from './check.ts';
import { dataPlane } from './dataPlane.ts';
import { httpSupport } from './httpSupport.ts';
import { internodeTls } from './internodeTls.ts';
import { nodeCertificates } from './nodeCertificates.ts';
import { planeRotation } from './planeRotation.ts';
import { reservedPorts } from './reservedPorts.ts';

export const CHECKS: readonly Check[] = [nodeCertificates, planeRotation, dataPlane, internodeTls, httpSupport, reservedPorts];
export type { Check };
