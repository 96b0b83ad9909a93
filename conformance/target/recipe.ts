import type { Dialect } from '../../mock/api/dialect.ts';
import type { Form } from '../../mock/runtime/forms.ts';
import { MUTANTS } from '../mutants/catalogue.ts';
import { inProcessTarget } from './inProcess.ts';
import type { Target } from '../../api/target.ts';

/**
 * How to make an in-process target again, as plain data: a worker thread (conformance/parallel/)
 * gets this, not the target, and makes its own mock from it. A mutant is named, not sent.
 */
export interface InProcessRecipe {
  readonly mutant?: string;
  readonly dialect?: Dialect;
  readonly forms?: readonly Form[];
}

export function recipeTarget(recipe: InProcessRecipe): Target {
  const mutant = recipe.mutant === undefined ? undefined : MUTANTS.find((m) => m.name === recipe.mutant);
  if (recipe.mutant !== undefined && !mutant) throw new Error(`no mutant named ${recipe.mutant}`);
  return inProcessTarget({ ...(mutant ? { mutant } : {}), ...(recipe.dialect ? { dialect: recipe.dialect } : {}), ...(recipe.forms ? { forms: recipe.forms } : {}) });
}
