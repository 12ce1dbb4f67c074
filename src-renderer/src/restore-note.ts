/**
 * After a restore the window reloads (every page reads the restored database afresh); this
 * note, kept in sessionStorage across the reload, lets the window say that it worked.
 */
const KEY = 'stance.restored';

/** Leaves `message` for the window after its reload. */
export function leaveRestoreNote(message: string): void {
  sessionStorage.setItem(KEY, message);
}

/** The note left before the reload, once (it is removed as it is read). */
export function takeRestoreNote(): string | undefined {
  const note = sessionStorage.getItem(KEY) ?? undefined;
  sessionStorage.removeItem(KEY);
  return note;
}
