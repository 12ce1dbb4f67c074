/**
 * What a form shows when something is wrong: messages on fields and one for the whole form,
 * all at once. The one shape every form uses, whether the form found the problems itself
 * (a distance that is not a number) or main refused the save (a StanceError naming a field).
 * Pure: no React, so it is tested under plain Node (problem.test.ts).
 */
import { StanceError } from '../../../src-main/shared/errors';

export interface Problem<Field extends string> {
  /** Messages about single fields, by field. */
  fields: Partial<Record<Field, string>>;
  /** A message about the whole form (or a field this form does not show). */
  form?: string | undefined;
}

/** The message to show for anything a request threw: the runner's message, or a generic one. */
export function messageOf(error: unknown): string {
  if (error instanceof StanceError) return error.message;
  return 'Something went wrong in Stance’s window. Nothing was changed.';
}

/**
 * A refusal as a problem: on the field it names when the form has that field, else on the form.
 */
export function problemFromError<Field extends string>(error: unknown, fields: readonly Field[]): Problem<Field> {
  const named = error instanceof StanceError ? error.field : undefined;
  const message = messageOf(error);
  // The field itself, else the nearest field it belongs to ("sites.3.side" → "sites").
  const field =
    named === undefined
      ? undefined
      : (fields.find((candidate) => candidate === named) ??
        [...fields].sort((a, b) => b.length - a.length).find((candidate) => named.startsWith(`${candidate}.`)));
  if (field === undefined) return { fields: {}, form: message };
  return { fields: { [field]: message } as Partial<Record<Field, string>> };
}

/** True when the problem holds no message at all. */
export function isEmptyProblem(problem: Problem<string> | undefined): boolean {
  return problem === undefined || (problem.form === undefined && Object.values(problem.fields).every((message) => message === undefined));
}

/** The fields with a message, in the form's order (the first gets focus). */
export function fieldsWithMessages<Field extends string>(problem: Problem<Field> | undefined, order: readonly Field[]): Field[] {
  if (!problem) return [];
  return order.filter((field) => problem.fields[field] !== undefined);
}
