import type { StepCommand } from './commands/command.ts';
import { BindHostAddresses } from './commands/bindHostAddresses.ts';
import { Held, type AddressHolder } from './commands/held.ts';
import { JoinNode } from './commands/joinNode.ts';
import { PowerNode } from './commands/powerNode.ts';
import { RemoveNode } from './commands/removeNode.ts';
import { SetExternalAddresses } from './commands/setExternalAddresses.ts';
import { SetNodeAddress } from './commands/setNodeAddress.ts';

/** The holders of an address other than the subject itself: the partitions of every address rule. */
export const OTHER_HOLDERS = ['internal', 'external', 'bound'] as const satisfies readonly AddressHolder[];

/** The first address holders of `kind` hold now (a fresh one where none does). */
const another = (kind: AddressHolder) => new Held<AddressHolder, string>(kind, 0, '203.0.113.99');

/** A join through the first node's internal address. */
const viaFirst = new Held<AddressHolder, string>('internal', 0, '203.0.113.77');

/**
 * Sequences that send, with every command that takes addresses, one held by each kind of holder
 * other than the subject: another node's internal or external address, or a spare host's bound
 * one. Random runs draw held addresses, but another node seldom has an external address when
 * they do (none has one after a reset), so "an address another node holds as external" — the
 * partition where the rules for internal and external addresses differ — went unsent (issue 17).
 * Each sequence first gives node 1 an external address; the join's also removes a node, so that
 * a spare host other than the joining one binds addresses.
 */
export function addressSeeds(): StepCommand[][] {
  const giveExternal = new SetExternalAddresses(0, ['203.0.113.41']);
  return [
    [giveExternal, ...OTHER_HOLDERS.map((k) => new SetExternalAddresses(1, [another(k)]))],
    // Down, so that an address no rule refuses is taken: each refusal is then the rule's own.
    [giveExternal, new PowerNode(1, false), ...OTHER_HOLDERS.map((k) => new SetNodeAddress(1, another(k)))],
    // The joining node's own address (refused: not bound on the joining host), then the external
    // ones, which a host may take: a join that succeeds leaves the other spare host. Apart, so that
    // no seed is longer than a shrunk counterexample may be (six steps).
    [giveExternal, new RemoveNode(2), ...OTHER_HOLDERS.map((k) => new JoinNode(viaFirst, another(k)))],
    [giveExternal, new RemoveNode(2), ...(['internal', 'bound', 'external'] as const).map((k) => new JoinNode(viaFirst, 'own', [another(k)]))],
    // Host 2 runs node 2: its own addresses are not among those held by others.
    [giveExternal, ...OTHER_HOLDERS.map((k) => new BindHostAddresses(1, [another(k)]))],
  ];
}
