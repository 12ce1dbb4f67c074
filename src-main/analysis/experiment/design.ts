/**
 * The experiment's defaults, each from the proof (scripts/prove-experiment.ts; table in the README).
 */

/**
 * Default length in painful runs (runs on which the main complaint's pain began): the fewest that
 * gave at least 80% power at hazard ratio 0.5 (activation halves the hazard) at 4 runs a week, with
 * weekly looks, in the proof's simulation.
 */
export const DEFAULT_EXPERIMENT_PAINFUL_RUNS = 80;
