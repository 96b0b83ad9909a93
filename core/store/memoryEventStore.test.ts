import { eventStoreContract } from './eventStore.contract.ts';
import { MemoryEventStore, MemorySnapshotStore } from './memoryEventStore.ts';

// Everything the in-memory stores promise is what every store promises: the shared contract.
eventStoreContract('the in-memory stores', () => ({ events: new MemoryEventStore(), snapshots: new MemorySnapshotStore() }));
