export { checkLinearizable, replay } from './check.ts';
export { UNSEEN, unseen } from './history.ts';
export type { Budget, Operation, SequentialModel, Unseen, Verdict } from './history.ts';
