/**
 * How an experiment assigns its runs to the two arms, and how the randomisation test re-draws
 * those assignments exactly as the protocol draws them.
 *
 * Two schemes (the runner chooses one before the protocol is fixed):
 * - 'run_day_blocks_of_4' (the default): each run day is an assignment unit. The k-th run day of
 *   the experiment (k = 0, 1, …) belongs to block ⌊k/4⌋; each block is one of the six orders of
 *   two activation days and two without (AANN, ANAN, ANNA, NAAN, NANA, NNAA), chosen uniformly —
 *   so within any run of four run days neither arm is ever more than two ahead, and each single
 *   day is a fair coin (every position is activation in exactly 3 of the 6 orders).
 * - 'whole_weeks_in_pairs': each calendar week of the experiment is an assignment unit; weeks are
 *   paired (weeks 0–1, 2–3, …) and a fair coin says which of the pair is the activation week.
 *
 * The experiment's own draw for unit k is `drawUniformInt(seed, label)` with the label of k's
 * block ("day-block:⌊k/4⌋" or "week-pair:⌊k/2⌋"), so it depends on the stored seed and k only.
 * A re-draw for the randomisation test picks every block afresh from the same uniform choice.
 */
import { drawUniformInt, KeystreamUniforms } from './random-source';

export type AssignmentScheme = 'run_day_blocks_of_4' | 'whole_weeks_in_pairs';
export type ExperimentArm = 'activation' | 'none';

export const ASSIGNMENT_SCHEMES: readonly AssignmentScheme[] = ['run_day_blocks_of_4', 'whole_weeks_in_pairs'];

/** The six equally likely orders of a block of four run days (true = activation). */
export const BLOCK_ORDERS: readonly (readonly boolean[])[] = [
  [true, true, false, false],
  [true, false, true, false],
  [true, false, false, true],
  [false, true, true, false],
  [false, true, false, true],
  [false, false, true, true],
];

/** Units per block: 4 run days, or a pair of weeks. */
export function blockSize(scheme: AssignmentScheme): number {
  return scheme === 'run_day_blocks_of_4' ? 4 : 2;
}

function blockLabel(scheme: AssignmentScheme, block: number): string {
  return scheme === 'run_day_blocks_of_4' ? `day-block:${block}` : `week-pair:${block}`;
}

function checkUnit(unitIndex: number): void {
  if (!Number.isInteger(unitIndex) || unitIndex < 0 || unitIndex > 100_000) {
    throw new RangeError(`An assignment unit is a whole number from 0 (the first run day or week); got ${unitIndex}`);
  }
}

/**
 * The protocol's arm for unit `unitIndex` (the k-th run day, or the k-th week, counting from 0),
 * drawn from the stored seed. Throws a RangeError for a malformed seed or unit.
 */
export function assignedArm(seed: string, scheme: AssignmentScheme, unitIndex: number): ExperimentArm {
  checkUnit(unitIndex);
  const size = blockSize(scheme);
  const block = Math.floor(unitIndex / size);
  if (scheme === 'run_day_blocks_of_4') {
    const order = BLOCK_ORDERS[drawUniformInt(seed, blockLabel(scheme, block), BLOCK_ORDERS.length)]!;
    return order[unitIndex % size] ? 'activation' : 'none';
  }
  const activationFirst = drawUniformInt(seed, blockLabel(scheme, block), 2) === 0;
  return (unitIndex % 2 === 0) === activationFirst ? 'activation' : 'none';
}

/**
 * One re-draw of `unitCount` units as the protocol would draw them, written into `into`
 * (1 = activation, 0 = none) from the keystream. Used only by the randomisation test.
 */
export function redrawAssignments(scheme: AssignmentScheme, unitCount: number, stream: KeystreamUniforms, into: Uint8Array): void {
  if (scheme === 'run_day_blocks_of_4') {
    for (let start = 0; start < unitCount; start += 4) {
      const order = BLOCK_ORDERS[stream.nextInt(6)]!;
      for (let offset = 0; offset < 4 && start + offset < unitCount; offset++) into[start + offset] = order[offset] ? 1 : 0;
    }
    return;
  }
  for (let start = 0; start < unitCount; start += 2) {
    const first = stream.nextInt(2) === 0 ? 1 : 0;
    into[start] = first;
    if (start + 1 < unitCount) into[start + 1] = 1 - first;
  }
}

/**
 * `redraws` re-draws of the first `unitCount` units, as the protocol draws them, one row each:
 * `matrix[r·unitCount + u]` is 1 when re-draw r puts unit u in the activation arm. Block b of every
 * re-draw comes from its own keystream (label "rerandomise:<label>:block:b"), so re-draw r of a
 * unit is the same however many units are asked for: the rows of a later, longer analysis extend
 * those of an earlier one.
 */
export function redrawMatrix(seed: string, label: string, scheme: AssignmentScheme, unitCount: number, redraws: number): Uint8Array {
  const matrix = new Uint8Array(unitCount * redraws);
  const size = blockSize(scheme);
  for (let block = 0; block * size < unitCount; block++) {
    const stream = new KeystreamUniforms(seed, `rerandomise:${label}:block:${block}`);
    for (let redraw = 0; redraw < redraws; redraw++) {
      const row = redraw * unitCount;
      if (scheme === 'run_day_blocks_of_4') {
        const order = BLOCK_ORDERS[stream.nextInt(6)]!;
        for (let offset = 0; offset < 4 && block * 4 + offset < unitCount; offset++) matrix[row + block * 4 + offset] = order[offset] ? 1 : 0;
      } else {
        const first = stream.nextInt(2) === 0 ? 1 : 0;
        matrix[row + block * 2] = first;
        if (block * 2 + 1 < unitCount) matrix[row + block * 2 + 1] = 1 - first;
      }
    }
  }
  return matrix;
}
