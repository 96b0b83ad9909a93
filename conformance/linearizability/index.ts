export { checkLinearizable, replay } from './check.ts';
export { UNSEEN } from './history.ts';
export type { Budget, Operation, SequentialModel, Unseen, Verdict } from './history.ts';
