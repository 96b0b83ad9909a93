export { checkLinearizable, replay } from './check.ts';
export type { Budget, Operation, SequentialModel, Verdict } from './history.ts';
