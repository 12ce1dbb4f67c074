import { useCallback, useId, useState } from 'react';
import { StanceError, messageOf } from '../api/client';

export interface FieldProblem<Field extends string> {
  /** The form field the message is about; none for a message about the whole form. */
  field?: Field | undefined;
  message: string;
}

/**
 * What every form does with a refusal: show the message under the field it is about (or under
 * the form), mark that field invalid for assistive technology, and point to the message.
 */
export function useFieldProblem<Field extends string>(fields: readonly Field[]) {
  const id = useId();
  const [problem, setProblem] = useState<FieldProblem<Field>>();
  const errorId = (field: Field) => `${id}-${field}-error`;

  /** A refusal from main (or anything thrown) as a problem, placed on its field when the form has one. */
  const fromError = useCallback(
    (error: unknown): FieldProblem<Field> => {
      const named = error instanceof StanceError ? error.field : undefined;
      return { field: fields.find((field) => field === named), message: messageOf(error) };
    },
    [fields],
  );

  const fieldError = (field: Field) =>
    problem?.field === field ? (
      <p className="field-error" id={errorId(field)} role="alert">
        {problem.message}
      </p>
    ) : null;

  /** Spread onto the input: aria-invalid, and aria-describedby pointing at the message (or at a hint). */
  const invalid = (field: Field, hint?: string) => ({
    'aria-invalid': problem?.field === field,
    'aria-describedby': problem?.field === field ? errorId(field) : hint,
  });

  const formError =
    problem && !problem.field ? (
      <p className="form-error" role="alert">
        {problem.message}
      </p>
    ) : null;

  return { problem, setProblem, fromError, fieldError, invalid, formError };
}
