import { describe, expect, it } from 'vitest';
import { fieldsWithMessages, isEmptyProblem, messageOf, problemFromError } from '../../../src-renderer/src/api/problem';
import { StanceError } from '../../../src-main/shared/errors';

describe('problemFromError: one shape for every refusal', () => {
  const fields = ['distanceMetres', 'durationSeconds', 'notes'] as const;

  it('puts a refusal naming a field of the form under that field', () => {
    const problem = problemFromError(new StanceError('invalid', 'The distance must be more than zero.', 'distanceMetres'), fields);
    expect(problem).toEqual({ fields: { distanceMetres: 'The distance must be more than zero.' } });
  });

  it('puts a refusal about a field the form does not show under the whole form', () => {
    const problem = problemFromError(new StanceError('invalid', 'That time zone is not known.', 'timeZone'), fields);
    expect(problem).toEqual({ fields: {}, form: 'That time zone is not known.' });
  });

  it('finds the exact nested field before the list it belongs to', () => {
    const painFields = ['status', 'sites', 'sites.0.painOnsetMetres', 'sites.1.worstScore'] as const;
    expect(problemFromError(new StanceError('invalid', 'Too far.', 'sites.0.painOnsetMetres'), painFields).fields).toEqual({
      'sites.0.painOnsetMetres': 'Too far.',
    });
    expect(problemFromError(new StanceError('invalid', 'Bad side.', 'sites.1.side'), painFields).fields).toEqual({ sites: 'Bad side.' });
  });

  it('never shows a programming error to the runner: anything else is a generic, reassuring message', () => {
    expect(messageOf(new TypeError('x is undefined'))).toBe('Something went wrong in Stance’s window. Nothing was changed.');
    expect(problemFromError(new Error('boom'), fields)).toEqual({ fields: {}, form: 'Something went wrong in Stance’s window. Nothing was changed.' });
  });
});

describe('several problems at once', () => {
  it('lists the fields with a message in the form’s order (the first gets focus)', () => {
    const problem = { fields: { notes: 'Too long.', distanceMetres: 'Not a number.' } };
    expect(fieldsWithMessages(problem, ['distanceMetres', 'durationSeconds', 'notes'])).toEqual(['distanceMetres', 'notes']);
  });

  it('knows an empty problem from a real one', () => {
    expect(isEmptyProblem(undefined)).toBe(true);
    expect(isEmptyProblem({ fields: {} })).toBe(true);
    expect(isEmptyProblem({ fields: {}, form: 'No.' })).toBe(false);
    expect(isEmptyProblem({ fields: { a: 'No.' } })).toBe(false);
  });
});
