/**
 * The only way pages talk to main (DESIGN.md: "the renderer never fetches by hand").
 *
 * - useChannel(channel, input) reads: { data, error, loading, reload }. It asks again when the
 *   channel or the input's value changes, after a successful save anywhere in the window that
 *   changed an area the channel reads (both declared in the contract; changes.ts), and on
 *   reload(); a reply to an older question is ignored (latest.ts).
 * - useSave(channel, { fields }) writes: { save, saving, problem, refuse, clear, fieldError,
 *   invalid, formError }. A successful save announces the areas its channel changes. A refusal — from main (a StanceError naming a field) or from the
 *   form's own checks via refuse() — is one Problem (problem.ts): messages under each field it
 *   names (all at once), one under the form, fields marked aria-invalid and pointing at their
 *   message, focus on the first field with a message.
 *
 * Actual Budget's packages/desktop-client/src/hooks/useQuery.ts is the model.
 */
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { areasChanged, areasRead, type ChannelInput, type ChannelResult, type ReadChannelName, type WriteChannelName } from '../../../src-main/shared/contract';
import { announceChange, changeVersion, onChange } from './changes';
import { request, StanceError } from './client';
import type { ErrorKind } from '../../../src-main/shared/result';
import { latestOnly, questionKey } from './latest';
import { fieldsWithMessages, isEmptyProblem, messageOf, problemFromError, type Problem } from './problem';

export interface ChannelState<T> {
  /** The answer to the current question; undefined until it came (or when it failed). */
  data: T | undefined;
  /** The runner's message when the read failed. */
  error: string | undefined;
  /** True while a question is out (also while reloading over shown data). */
  loading: boolean;
  /** Ask again now. */
  reload: () => void;
}

export interface ChannelOptions {
  /** Do not ask (yet): e.g. no run chosen. Default false. */
  skip?: boolean;
  /** Keep showing the previous answer while a new question is out (paging). Default false. */
  keepPrevious?: boolean;
  /** Ask again after a save in the window that changed what this channel reads. Default true. */
  live?: boolean;
}

/** Reads `channel` with `input`; see the module comment. */
export function useChannel<C extends ReadChannelName>(
  channel: C,
  input?: ChannelInput<C>,
  options: ChannelOptions = {},
): ChannelState<ChannelResult<C>> {
  const { skip = false, keepPrevious = false, live = true } = options;
  const key = questionKey(channel, input);
  const inputJson = input === undefined ? undefined : JSON.stringify(input);
  const [asked, setAsked] = useState(0);
  const areas = areasRead(channel);
  const version = useSyncExternalStore(onChange, () => changeVersion(areas));
  const liveVersion = live ? version : 0;
  /** Which question an answer answers: the same question asked again (reload, a save) is a new one. */
  const questionId = `${key}\u0001${asked}\u0001${liveVersion}`;
  const [answer, setAnswer] = useState<{ key: string; questionId: string; data?: ChannelResult<C>; error?: string }>();
  const latest = useRef(latestOnly());

  useEffect(() => {
    if (skip) return;
    const tracker = latest.current;
    const ticket = tracker.begin();
    const sent = inputJson === undefined ? undefined : (JSON.parse(inputJson) as ChannelInput<C>);
    request(channel, sent).then(
      (data) => tracker.isCurrent(ticket) && setAnswer({ key, questionId, data }),
      (error: unknown) => tracker.isCurrent(ticket) && setAnswer({ key, questionId, error: messageOf(error) }),
    );
    return () => tracker.cancel();
  }, [channel, key, inputJson, questionId, skip]);

  const reload = useCallback(() => setAsked((count) => count + 1), []);
  const current = answer && (answer.key === key || keepPrevious) ? answer : undefined;
  return {
    data: current?.data,
    error: current?.error,
    loading: !skip && answer?.questionId !== questionId,
    reload,
  };
}

export interface SaveOptions<Field extends string> {
  /** The form's fields, in order: a refusal naming one of them is shown under it. */
  fields?: readonly Field[];
  /**
   * For a form that places messages itself (the strength editor's sets): the refusal as main
   * sent it, field path and message. The problem is still set as usual.
   */
  onRefused?: (refusal: { field: string | undefined; message: string; kind: ErrorKind | undefined }) => void;
}

export interface SaveState<C extends WriteChannelName, Field extends string> {
  /** Sends `input`; the result, or undefined when refused (the problem is then shown). */
  save: (input: ChannelInput<C>) => Promise<ChannelResult<C> | undefined>;
  saving: boolean;
  problem: Problem<Field> | undefined;
  /** Shows problems the form found itself (all of them at once); nothing is sent. */
  refuse: (problem: Problem<Field>) => void;
  /** Clears every message. */
  clear: () => void;
  /** The message under `field`, or null. */
  fieldError: (field: Field) => ReactNode;
  /** Spread onto a field's input: aria-invalid and aria-describedby (its message, else `hint`). */
  invalid: (field: Field, hint?: string) => { 'aria-invalid': boolean; 'aria-describedby': string | undefined; 'data-field': string };
  /** The message about the whole form, or null. */
  formError: ReactNode;
}

/** Writes through `channel`; see the module comment. */
export function useSave<C extends WriteChannelName, Field extends string = never>(
  channel: C,
  options: SaveOptions<Field> = {},
): SaveState<C, Field> {
  const { fields = [] as readonly Field[] } = options;
  const onRefusedRef = useRef(options.onRefused);
  const id = useId();
  const [problem, setProblem] = useState<Problem<Field>>();
  const [saving, setSaving] = useState(false);
  const mounted = useRef(true);
  const fieldsRef = useRef(fields);
  useEffect(() => {
    fieldsRef.current = fields;
    onRefusedRef.current = options.onRefused;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const errorId = useCallback((field: Field) => `${id}-${field}-error`, [id]);

  // Focus goes to the first field with a message, so a keyboard user lands on what to fix.
  useEffect(() => {
    const first = fieldsWithMessages(problem, fieldsRef.current)[0];
    if (first === undefined) return;
    const input = document.querySelector<HTMLElement>(`[data-field="${CSS.escape(`${id}-${first}`)}"]`);
    input?.focus();
  }, [problem, id]);

  const save = useCallback(
    async (input: ChannelInput<C>) => {
      setSaving(true);
      setProblem(undefined);
      try {
        const result = await request(channel, input);
        announceChange(areasChanged(channel));
        return result;
      } catch (error) {
        if (mounted.current) {
          setProblem(problemFromError(error, fieldsRef.current));
          onRefusedRef.current?.({ field: error instanceof StanceError ? error.field : undefined, message: messageOf(error), kind: error instanceof StanceError ? error.kind : undefined });
        }
        return undefined;
      } finally {
        if (mounted.current) setSaving(false);
      }
    },
    [channel],
  );

  const refuse = useCallback((next: Problem<Field>) => setProblem(isEmptyProblem(next) ? undefined : next), []);
  const clear = useCallback(() => setProblem(undefined), []);

  const fieldError = (field: Field): ReactNode => {
    const message = problem?.fields[field];
    return message === undefined ? null : (
      <p className="field-error" id={errorId(field)} role="alert">
        {message}
      </p>
    );
  };

  const invalid = (field: Field, hint?: string) => {
    const has = problem?.fields[field] !== undefined;
    return { 'aria-invalid': has, 'aria-describedby': has ? errorId(field) : hint, 'data-field': `${id}-${field}` };
  };

  const formError: ReactNode =
    problem?.form !== undefined ? (
      <p className="form-error" role="alert">
        {problem.form}
      </p>
    ) : null;

  return { save, saving, problem, refuse, clear, fieldError, invalid, formError };
}
