import type { Model } from '../model.ts';
import { describedList, resolveAddress, type AddressHolder, type AddressSubject, type Drawn, type Resolved } from './held.ts';

/**
 * A value sent where the API takes a list of addresses, of another JSON type (a bare address, a
 * number, an object): refused as a whole (NODE-ADDR-004, NODE-ADDR-015), never read as a list of its characters
 * or crashed on. Sent as it is.
 */
export class NotAList {
  constructor(readonly value: unknown) {}

  toString(): string {
    return JSON.stringify(this.value);
  }
}

/** A list of addresses as drawn: each item a selector or a literal, or not a list at all. */
export type AddressList = readonly Drawn<string, AddressHolder>[] | NotAList;
/** As sent: each item resolved, or the value of the wrong type. */
export type SentList = readonly Resolved<string>[] | NotAList;

export const resolveAddressList = (m: Readonly<Model>, list: AddressList, subject: AddressSubject): SentList =>
  list instanceof NotAList ? list : list.map((a) => resolveAddress(m, a, subject));

/** What the body carries for the list. */
export const sentValue = (sent: SentList): unknown => (sent instanceof NotAList ? sent.value : sent.map((r) => r.value));

/** How the list reads in a step: as resolved once sent, else as drawn. */
export const describedAddressList = (sent: SentList | undefined, list: AddressList): string =>
  list instanceof NotAList ? String(list) : describedList(sent instanceof NotAList ? undefined : sent, list);
