/**
 * Why a node asked to come up stayed down, in words: the one reason the model has
 * (`internal_address_not_bound`, NODE-ADDR-008). The control protocol's answer, the log entry
 * and the server's console all say it this way.
 */
export const startFailure = (uid: string, addr: string, hostId: string | undefined): string =>
  `${addr} is not bound on ${hostId ?? 'its host'}, so node ${uid} cannot come back up`;
