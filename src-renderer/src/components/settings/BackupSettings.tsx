import { useEffect, useId, useState, type ChangeEvent } from 'react';
import type { BackupInfo, BackupsOverview, ExportFormat } from '../../../../src-main/shared/backups';
import { messageOf, request } from '../../api/client';
import { ConfirmDialog } from '../ConfirmDialog';
import { backupKindWords, backupWhen, fileSize } from './backup-words';

type Status = { error: boolean; message: string; path?: string };

const tableWords: Record<string, string> = {
  runs: 'runs',
  pain_checkins: 'check-ins',
  strength_sessions: 'strength sessions',
  recovery_entries: 'recovery entries',
  shoes: 'shoes',
  glute_plans: 'plans',
};

function summarise(counts: Record<string, number>): string {
  const parts = Object.entries(tableWords)
    .filter(([table]) => (counts[table] ?? 0) > 0)
    .map(([table, words]) => `${counts[table]} ${words}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing new';
}

/**
 * Settings › Backups and your data: the backups (date, kind, size), back up now, open the
 * folder, restore any of them (after a confirmation; the current database is kept aside first,
 * so a restore can be undone), export as JSON or CSV, and import a Stance JSON export.
 */
export function BackupSettings() {
  const id = useId();
  const [overview, setOverview] = useState<BackupsOverview>();
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo>();

  useEffect(() => {
    request('backups:list').then(setOverview, (error: unknown) => setStatus({ error: true, message: messageOf(error) }));
  }, []);

  async function run(work: () => Promise<Status | void>) {
    setBusy(true);
    try {
      const next = await work();
      if (next) setStatus(next);
      setOverview(await request('backups:list'));
    } catch (error) {
      setStatus({ error: true, message: messageOf(error) });
    } finally {
      setBusy(false);
    }
  }

  const backUpNow = () =>
    run(async () => {
      const backup = await request('backups:create');
      return { error: false, message: `Backed up (${fileSize(backup.sizeBytes)}), checked and saved as ${backup.name}.` };
    });

  const openFolder = (folder: 'backups' | 'exports') =>
    run(async () => {
      const opened = await request('backups:openFolder', { folder });
      if (!opened.opened) return { error: true, message: `Stance could not open the folder. It is at ${opened.folder}.` };
    });

  const exportAs = (format: ExportFormat) =>
    run(async () => {
      const result = await request('data:export', { format });
      return { error: false, message: `Exported ${summarise(result.counts)} ${format === 'json' ? 'to one JSON file' : 'as CSV files, one per table'}:`, path: result.path };
    });

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    await run(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const summary = await request('data:importJson', { fileName: file.name, bytes });
      const recognised = Object.values(summary.recognised).reduce((sum, count) => sum + count, 0);
      return {
        error: false,
        message: `Imported ${file.name}: added ${summarise(summary.added)}; ${recognised} records were already here and were not added again. A backup from just before is in the list.`,
      };
    });
  }

  async function restore(backup: BackupInfo) {
    setRestoring(undefined);
    await run(async () => {
      await request('backups:restore', { name: backup.name });
      window.location.reload(); // every page reads the restored database afresh
    });
  }

  const backups = overview?.backups ?? [];
  return (
    <section className="card backups" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Backups</h2>
      <p>
        Stance backs up your database every day you use it, before every update and before every restore, and checks each copy before keeping it.
        It keeps a backup for each of the last 7 days, one a week for the 5 weeks before, and one a month for a year.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void backUpNow()} disabled={busy}>
          Back up now
        </button>
        <button type="button" onClick={() => void openFolder('backups')} disabled={busy}>
          Open backups folder
        </button>
      </div>
      {status ? (
        <p className={status.error ? 'form-error' : 'notice'} role={status.error ? 'alert' : 'status'}>
          {status.message}
          {status.path ? (
            <>
              {' '}
              <code>{status.path}</code>
            </>
          ) : null}
        </p>
      ) : null}
      {backups.length > 0 ? (
        <table className="backup-list">
          <caption className="visually-hidden">Your backups, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Made</th>
              <th scope="col">Why</th>
              <th scope="col" className="number">
                Size
              </th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.name} data-testid="backup-row">
                <td>{backupWhen(backup.createdAt)}</td>
                <td>{backupKindWords[backup.kind]}</td>
                <td className="number">{fileSize(backup.sizeBytes)}</td>
                <td className="row-actions">
                  <button type="button" className="small" onClick={() => setRestoring(backup)} disabled={busy} aria-label={`Restore the backup from ${backupWhen(backup.createdAt)}`}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : overview ? (
        <p className="muted">No backups yet. The first is made today; or back up now.</p>
      ) : null}

      <h3>Export and import</h3>
      <p className="muted">
        Everything you have logged, as one JSON file (complete: it can be imported back) or as CSV files for a spreadsheet (one per table; GPX tracks are only in the
        JSON file). Files go to the <em>exports</em> folder beside your database.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void exportAs('json')} disabled={busy}>
          Export everything (JSON)
        </button>
        <button type="button" onClick={() => void exportAs('csv')} disabled={busy}>
          Export for spreadsheets (CSV)
        </button>
        <button type="button" onClick={() => void openFolder('exports')} disabled={busy}>
          Open exports folder
        </button>
      </div>
      <p className="muted import-note">
        Importing a Stance export adds what is not here yet: runs, check-ins and sessions already in your log are recognised and not added twice. A backup is taken first.
      </p>
      <div className="actions">
        <label className={`file-button${busy ? ' disabled' : ''}`}>
          Import a Stance export…
          <input type="file" accept=".json,application/json" onChange={(event) => void importFile(event)} disabled={busy} aria-label="Stance export file to import" />
        </label>
      </div>

      <ConfirmDialog
        open={restoring !== undefined}
        title="Restore this backup?"
        confirmLabel="Restore"
        onConfirm={() => restoring && void restore(restoring)}
        onCancel={() => setRestoring(undefined)}
      >
        {restoring ? (
          <>
            <p>
              Your log goes back to how it was on <strong>{backupWhen(restoring.createdAt)}</strong>. Anything logged since then is not in that backup.
            </p>
            <p>Your database as it is now is kept first as a backup (“Before a restore (undo)”), so you can undo this by restoring that one.</p>
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
