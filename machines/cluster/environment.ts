import { reject } from '../../domain/rejections.ts';
import type { ClusterState } from '../../domain/state.ts';
import { addressList, anyPort } from '../../domain/rules/fields.ts';
import { portOwner } from '../../domain/rules/ports.ts';
import { check } from './check.ts';

/** A host's addresses, as the control protocol names them. */
const boundProblem = addressList('addresses');
const heldPort = anyPort('port');

export const addHostChecks = [
  check('AddHost', 'hostIdInvalid', ['API-ERR-001'], (_s, d) =>
    typeof d.hostId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(d.hostId) ? null : reject.invalidParameter('a host id is 1-64 letters, digits, _ or -'),
  ),
  check('AddHost', 'hostExists', ['API-ERR-001'], (s, d) => (s.hosts[d.hostId] ? reject.hostExists(d.hostId) : null)),
  check('AddHost', 'hostAddrsInvalid', ['NODE-ADDR-010'], (_s, d) => boundProblem(d.boundAddrs)),
];

export const setHostAddressesChecks = [
  check('SetHostAddresses', 'hostMissing', ['API-ERR-001'], (s, d) => (s.hosts[d.hostId] ? null : reject.hostNotFound(d.hostId))),
  check('SetHostAddresses', 'hostNewAddrsInvalid', ['NODE-ADDR-008'], (_s, d) => boundProblem(d.boundAddrs)),
];

export const holdPortChecks = [
  check('HoldPort', 'holdPortInvalid', ['PORT-DB-002'], (_s, d) => heldPort(d.port)),
  check('HoldPort', 'holdPortOwned', ['PORT-DB-002'], (s, d) => {
    if (s.foreignPorts.includes(d.port as number)) return null;
    const owner = portOwner(s, d.port as number);
    return owner ? reject.portUnavailable(d.port as number, owner) : null;
  }),
];

export const releasePortChecks = [
  check('ReleasePort', 'releasePortInvalid', ['PORT-DB-002'], (_s, d) => heldPort(d.port)),
];

export const clockChecks = [
  check('AdvanceClock', 'clockInvalid', ['CERT-ROT-001'], (_s, d) =>
    Number.isSafeInteger(d.now) ? null : reject.invalidParameter('now must be a time in epoch milliseconds'),
  ),
  check('AdvanceClock', 'clockBackwards', ['CERT-ROT-001'], (s, d) => ((d.now as number) < s.clock ? reject.clockBackwards(d.now as number, s.clock) : null)),
];

export const downNodes = (s: ClusterState) => Object.values(s.nodes).filter((n) => n.status === 'down').map((n) => n.uid);

export const rotateChecks = [
  check('RotateCertificates', 'rotatePlaneInvalid', ['CERT-ROT-003'], (_s, d) =>
    d.plane === undefined || d.plane === 'control' || d.plane === 'data' ? null : reject.invalidParameter('plane must be control or data'),
  ),
  check('RotateCertificates', 'rotateNodeDown', ['CERT-ROT-004'], (s) => {
    const down = downNodes(s);
    return down.length ? reject.notAllNodesUpdated(down) : null;
  }),
];
