import type { SurvivalObservation } from '../../src-main/analysis';

/** Turns R's (time, status) columns into observations; `eventCode` is the status meaning "event". */
export function toObservations(times: readonly number[], statuses: readonly number[], eventCode = 1): SurvivalObservation[] {
  return times.map((time, index) => ({ time, event: statuses[index] === eventCode }));
}

// survival::aml (R survival 3.5.3): weeks to relapse of acute myelogenous leukaemia, with
// (Maintained) and without (Nonmaintained) maintenance chemotherapy. status 1 = relapse.
// Miller, R. G. (1997) Survival Analysis. Wiley, p. 49.
export const amlMaintained = toObservations([9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161], [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]);
export const amlNonmaintained = toObservations([5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45], [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]);
