import { useState } from 'react';
import type { RecoveryEntry, Routine, StrengthSession } from '../../../src-main/shared/strength';
import { useChannel, useSave } from '../api/hooks';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { ExerciseLibrary } from '../components/strength/ExerciseLibrary';
import { RecoverySection } from '../components/strength/RecoverySection';
import { SessionEditor } from '../components/strength/SessionEditor';
import { SessionList } from '../components/strength/SessionList';
import { emptySessionForm, formFromRoutine, formFromSession, type SessionForm } from '../components/strength/session-form';
import { useFocusAfterSave } from '../focus';
import { useLoadedSettings } from '../settings-context';
import { formatLocalDate, todayLocalDate } from '../local-clock';

interface Editing {
  form: SessionForm;
  title: string;
  origin?: string | undefined;
  /** The session being edited; absent for a new one. */
  session?: StrengthSession | undefined;
}

type Deleting = { kind: 'session'; session: StrengthSession } | { kind: 'recovery'; entry: RecoveryEntry };

/**
 * Glute, hip and foot work, session by session; the exercise library; and recovery, kept apart.
 * A familiar session is two clicks: a routine (or "Repeat last session"), then Save.
 */
export function StrengthPage() {
  const { loadUnit } = useLoadedSettings();
  const sessionsRead = useChannel('strength:list', {});
  const libraryRead = useChannel('exercises:list');
  const routinesRead = useChannel('routines:list');
  const recoveryRead = useChannel('recovery:list', {});
  const lastRead = useChannel('strength:last');
  const sessions = sessionsRead.data;
  const library = libraryRead.data ?? [];
  const routines = routinesRead.data ?? [];
  const recovery = recoveryRead.data ?? [];
  const loadError = sessionsRead.error ?? libraryRead.error ?? routinesRead.error ?? recoveryRead.error;
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<Deleting>();
  const [notice, setNotice] = useState<string>();
  const removeSession = useSave('strength:delete');
  const removeRecovery = useSave('recovery:delete');
  const focusOn = useFocusAfterSave();

  function startEditing(next: Editing) {
    setEditing(next);
    setNotice(undefined);
    window.scrollTo({ top: 0 });
  }

  const startNew = () => startEditing({ form: emptySessionForm(todayLocalDate(), loadUnit), title: 'Log a session' });
  const startFromRoutine = (routine: Routine) =>
    startEditing({
      form: formFromRoutine(routine, todayLocalDate(), loadUnit),
      title: `Log a session: ${routine.name}`,
      origin: 'From your routine, dated today. Change anything you did differently, then save.',
    });

  function repeatLast() {
    const session = lastRead.data?.session;
    if (!session) return startNew();
    startEditing({
      form: formFromSession(session, todayLocalDate(), loadUnit),
      title: 'Log a session: repeat of the last one',
      origin: `The session of ${formatLocalDate(session.localDate)}, dated today. Change anything you did differently, then save.`,
    });
  }

  async function confirmDelete(target: Deleting) {
    setDeleting(undefined);
    if (target.kind === 'session') {
      if (await removeSession.save({ id: target.session.id })) setNotice(`Deleted the session of ${formatLocalDate(target.session.localDate)}.`);
    } else if (await removeRecovery.save({ id: target.entry.id })) {
      setNotice(`Deleted the recovery entry of ${formatLocalDate(target.entry.localDate)}.`);
    }
  }

  const last = sessions?.[0];
  const quickStart = (
    <div className="quick-start" role="group" aria-label="Start a session from">
      {last ? (
        <button type="button" className="quick-card" onClick={repeatLast}>
          <span className="quick-title">Repeat last session</span>
          <span className="quick-detail">
            {formatLocalDate(last.localDate, false)} · {last.exercises.length} {last.exercises.length === 1 ? 'exercise' : 'exercises'}
          </span>
        </button>
      ) : null}
      {routines.map((routine) => (
        <button key={routine.id} type="button" className="quick-card" onClick={() => startFromRoutine(routine)}>
          <span className="quick-title">{routine.name}</span>
          <span className="quick-detail">
            Routine · {routine.exercises.length} {routine.exercises.length === 1 ? 'exercise' : 'exercises'}
          </span>
        </button>
      ))}
    </div>
  );

  return (
    <div className="page strength-page">
      <header className="page-header">
        <div>
          <h1>Strength</h1>
          <p className="muted">Your glute, hip and foot work, session by session.</p>
        </div>
        {editing ? null : (
          <button type="button" className="primary" onClick={startNew}>
            Log a session
          </button>
        )}
      </header>

      {loadError ? (
        <p className="error-banner" role="alert">
          {loadError}
        </p>
      ) : null}
      {removeSession.formError}
      {removeRecovery.formError}

      {editing ? (
        <SessionEditor
          key={`${editing.session?.id ?? 'new'}-${editing.title}`}
          initial={editing.form}
          session={editing.session}
          title={editing.title}
          origin={editing.origin}
          library={library}
          onSaved={(saved) => {
            const glute = saved.countsAsGluteWork ? ' It counts as glute work.' : ' It has no glute or hip exercise, so it does not count towards your glute plan.';
            setNotice(`${editing.session ? 'Saved changes to the session of' : 'Saved your session of'} ${formatLocalDate(saved.localDate)}.${glute}`);
            setEditing(undefined);
            focusOn(`session-${saved.id}`);
          }}
          onCancel={() => setEditing(undefined)}
        />
      ) : null}

      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      {!sessions ? (
        loadError ? null : (
          <p className="muted" role="status">
            Loading your sessions…
          </p>
        )
      ) : sessions.length === 0 ? (
        editing ? null : (
          <EmptyState title="No strength sessions yet" action={quickStart}>
            <p>
              Glute and hip strength is what keeps the knee in line when you tire. Start with one of the two routines below: it
              fills in the exercises, sets and reps for you. Check them against what you did, then save.
            </p>
            <p className="muted">Or press “Log a session” to pick exercises yourself. Each session with glute or hip work counts towards your glute plan.</p>
          </EmptyState>
        )
      ) : (
        <>
          {editing ? null : (
            <section className="strength-section" aria-labelledby="quick-heading">
              <h2 id="quick-heading">Start from</h2>
              {quickStart}
            </section>
          )}
          <section className="strength-section" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">Sessions</h2>
            <SessionList
              sessions={sessions}
              onEdit={(session) => startEditing({ form: formFromSession(session, undefined, loadUnit), session, title: `Edit the session of ${formatLocalDate(session.localDate)}` })}
              onDelete={(session) => setDeleting({ kind: 'session', session })}
              onRoutineSaved={(routine) => {
                setNotice(`Saved the routine “${routine.name}”. Start a session from it at the top of this page.`);
              }}
            />
          </section>
        </>
      )}

      <RecoverySection
        entries={recovery}
        onAdded={(entry) => {
          setNotice(`Logged recovery on ${formatLocalDate(entry.localDate)}. It is kept apart from your strength sessions.`);
        }}
        onDelete={(entry) => setDeleting({ kind: 'recovery', entry })}
      />

      <ExerciseLibrary
        library={library}
        onAdded={(exercise) => {
          setNotice(`Added “${exercise.name}” to your library. Pick it when you log a session.`);
        }}
      />

      <ConfirmDialog
        open={deleting !== undefined}
        title={deleting?.kind === 'recovery' ? 'Delete this recovery entry?' : 'Delete this session?'}
        confirmLabel={deleting?.kind === 'recovery' ? 'Delete entry' : 'Delete session'}
        cancelLabel="Keep it"
        onConfirm={() => deleting && void confirmDelete(deleting)}
        onCancel={() => setDeleting(undefined)}
      >
        {deleting?.kind === 'session' ? (
          <p>
            The session of {formatLocalDate(deleting.session.localDate)} will be deleted with its {deleting.session.exercises.length}{' '}
            {deleting.session.exercises.length === 1 ? 'exercise' : 'exercises'} and their sets. This cannot be undone.
          </p>
        ) : deleting?.kind === 'recovery' ? (
          <p>The recovery entry of {formatLocalDate(deleting.entry.localDate)} will be deleted. This cannot be undone.</p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
