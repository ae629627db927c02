import type { LossParameters, MethodInputs, MethodLoss } from './method-inputs';
import { supervisedTerm } from './supervised';

/**
 * The baselines `none` and `source-only`: the supervised source loss alone (λ = 0). They differ in the
 * model (shared vs domain-specific BN) and in whether target batches pass through it, not in the loss.
 */
export function sourceOnlyLoss(inputs: MethodInputs, params: LossParameters): MethodLoss {
  const supervised = supervisedTerm('source-only', inputs, params);
  return { total: supervised.value, terms: { [supervised.name]: supervised.value }, diagnostics: {} };
}
