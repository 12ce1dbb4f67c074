/**
 * Pure statistics for the Insights page: no database, no Electron, no Node APIs.
 *
 * - survival.ts: Kaplan–Meier curves of distance to knee-pain onset (pain-free runs censored).
 * - log-rank.ts: do two groups of runs (e.g. with and without recent glute work) differ?
 * - correlation.ts: Spearman's rank correlation with p-value and confidence interval.
 * - load.ts: acute:chronic ratio of daily running distance (EWMA).
 * - distributions.ts: t, chi-square and normal distribution functions behind the p-values.
 */
export {
  kaplanMeier,
  medianSurvivalInterval,
  type KaplanMeierCurve,
  type KaplanMeierOptions,
  type KaplanMeierStep,
  type MedianSurvivalInterval,
  type SurvivalObservation,
} from './survival';
export { coxProportionalHazards, type CoxFit, type CoxNotEstimable, type CoxObservation, type CoxOptions, type CoxProblem, type CoxResult } from './cox';
export { logRank, type LogRankTest } from './log-rank';
export { averageRanks, pearson, spearman, type SpearmanCorrelation, type SpearmanOptions } from './correlation';
export {
  acuteChronicRatio,
  dailyDistanceSeries,
  type AcuteChronicLoad,
  type AcuteChronicOptions,
  type DailyDistance,
  type TrainingLoadDay,
} from './load';
export {
  chiSquareCdf,
  chiSquareUpperTail,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedIncompleteBeta,
  regularizedLowerGamma,
  regularizedUpperGamma,
  studentTCdf,
  studentTTwoSidedPValue,
  twoSidedNormalCriticalValue,
} from './distributions';
