/**
 * How hard the proofs try. `npm test` runs reduced counts (well under a minute in all);
 * `npm run test:proofs` sets STANCE_PROOFS=full and runs the full counts.
 */
export const FULL_PROOFS = process.env.STANCE_PROOFS === 'full';

export function proofCount(reduced: number, full: number): number {
  return FULL_PROOFS ? full : reduced;
}
