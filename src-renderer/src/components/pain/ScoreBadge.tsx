/** How bad a 0–10 score is, for its colour: none, mild (1–3), moderate (4–6), severe (7–10). */
export function scoreBand(score: number): 'none' | 'mild' | 'moderate' | 'severe' {
  if (score === 0) return 'none';
  if (score <= 3) return 'mild';
  if (score <= 6) return 'moderate';
  return 'severe';
}

/**
 * A pain score as a small coloured badge that reads "6 out of 10"; a dash when not scored.
 * `withScale` shows "6/10" where no column heading says what the number is.
 */
export function ScoreBadge({ score, label, withScale = false }: { score: number | null; label?: string; withScale?: boolean }) {
  if (score === null) {
    return (
      <span className="score score-empty">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{label ? `${label}: not scored` : 'not scored'}</span>
      </span>
    );
  }
  return (
    <span className={`score score-${scoreBand(score)}`}>
      {label ? <span className="visually-hidden">{label}: </span> : null}
      {score}
      {withScale ? (
        <span className="score-scale" aria-hidden="true">
          /10
        </span>
      ) : null}
      <span className="visually-hidden"> out of 10</span>
    </span>
  );
}
