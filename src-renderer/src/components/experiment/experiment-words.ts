/**
 * The experiment in the runner's words: arms, schemes, lengths, the verdict, and what it can and
 * cannot show. One place, so the setup page, the result, Today and the Report say the same.
 */
import type {
  ActivationExercise,
  ExperimentArm,
  ExperimentLengthTerms,
  ExperimentResult,
  ExperimentVerdict,
  AssignmentSchemeName,
  ActivationDone,
} from '../../../../src-main/shared/experiment';
import { painLocationLabels } from '../../../../src-main/shared/pain';

export const armNames: Record<ExperimentArm, string> = { activation: 'Activation first', none: 'No activation' };

export const todayWords: Record<ExperimentArm, string> = { activation: 'activation first', none: 'no activation' };

export const doneWords: Record<ActivationDone, string> = { done: 'Done', not_done: 'Not done', partly: 'Partly' };

export function schemeWords(scheme: AssignmentSchemeName): string {
  return scheme === 'run_day_blocks_of_4'
    ? 'Each run day by a fair coin, balanced in blocks of four run days (two with activation, two without), so neither arm runs far ahead.'
    : 'Whole weeks: in each pair of weeks a fair coin picks which one is the activation week.';
}

export function lengthWords(length: ExperimentLengthTerms): string {
  return length.unit === 'weeks' ? `${length.weeks} weeks` : `until the knee has hurt on ${length.painfulRuns} runs`;
}

export function exerciseWords(exercise: ActivationExercise): string {
  const amount = exercise.reps !== null ? `${exercise.sets} × ${exercise.reps}` : `${exercise.sets} × ${exercise.seconds} s`;
  return `${exercise.name}, ${amount}${exercise.perSide ? ' each side' : ''}`;
}

export function outcomeWords(outcome: { location: keyof typeof painLocationLabels; side: 'left' | 'right' | 'either' }): string {
  const side = outcome.side === 'either' ? 'either side' : `the ${outcome.side} side`;
  return `How far into each run your ${painLocationLabels[outcome.location].toLowerCase()} pain begins (${side}). A run that stays pain-free counts as pain-free to its end.`;
}

export const ruleWords =
  'Fixed before the first run: every run counts in the arm it was given, whatever was done (intention to treat). The test compares how far into the runs the pain began in each arm (log-rank), and its p-value comes from the coin itself: the assignments are drawn again, exactly as the protocol draws them, 2,000 times. It is decided only at planned analyses — every 10 painful runs and at the end — with the 5% chance of a false claim spread over them (O’Brien–Fleming), so looking every week cannot make a fluke look real. What you actually did is shown as well, labelled secondary; it never decides.';

export const canAndCannot =
  'What this can show: whether doing the activation routine just before a run changes how far you get before the knee starts to hurt, in you. A coin decides each day, so weather, mileage, flare-ups and habits cannot explain a difference. What it cannot show: the effect of months of strengthening. That builds slowly and would carry over from activation days into the days without, so it needs a different design (the Insights watch it).';

export function verdictWords(result: Pick<ExperimentResult, 'verdict' | 'claimedAtWeek' | 'finished'>): string {
  const words: Record<ExperimentVerdict, string> = {
    later_with_activation: `Activation before a run put the pain off: it began later in the runs with activation first. Decided at the planned analysis in week ${result.claimedAtWeek ?? ''}; the decision stands.`,
    earlier_with_activation: `The pain began earlier in the runs with activation first. Decided at the planned analysis in week ${result.claimedAtWeek ?? ''}; the decision stands.`,
    no_difference_found: 'The experiment is over and found no difference it could tell from chance. A small effect may still be there; this experiment was too short to see it.',
    cannot_tell_yet: 'Cannot tell yet. The estimate below moves as runs come in; the decision is made only at the planned analyses.',
    stopped_early: 'Stopped early, before the experiment could tell. The estimate below is what the runs so far show; it is not a decision.',
  };
  return words[result.verdict];
}

export function percent(value: number): string {
  return `${Math.round(100 * value)}%`;
}

export function pValueWords(p: number | null): string {
  if (p === null) return 'not yet (no pain onset in one arm)';
  return p < 0.001 ? 'below 0.001' : p.toFixed(3);
}
