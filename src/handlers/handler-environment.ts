/**
 * Environment variables the stack sets on the Lambdas; kept free of imports so infra/ can read them
 * without loading the handlers.
 */

/**
 * ResolveRelease: the run config (JSON) of a start that sends none, such as `deepastro-uda cloud start`
 * without --config; the stack sets it to the deepastro:scheduleConfig context option.
 */
export const DEFAULT_RUN_CONFIG_VARIABLE = 'DEEPASTRO_DEFAULT_RUN_CONFIG';
