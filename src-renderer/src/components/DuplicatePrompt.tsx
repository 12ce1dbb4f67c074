import type { ReactNode } from 'react';
/**
 * "You already logged a 5.0 mi run at 07:00 on Wed 4 Dec" — main found the same record already
 * there (kind 'duplicate'); nothing was saved. The runner saves it anyway or cancels.
 */
interface Props {
  message: string;
  saving: boolean;
  onSaveAnyway: () => void;
  onCancel: () => void;
}

export function DuplicatePrompt({ message, saving, onSaveAnyway, onCancel }: Props) {
  return (
    <div className="duplicate-prompt form-error" role="alert">
      <p>{message}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onSaveAnyway} disabled={saving} autoFocus>
          Save anyway
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

interface FooterProps {
  /** The duplicate message from main, or undefined while there is none. */
  duplicate: string | undefined;
  /** The form's own error line, shown when there is no duplicate to ask about. */
  formError: ReactNode;
  saving: boolean;
  /** The submit button's words: "Save run", "Save changes"… */
  saveLabel: string;
  onSaveAnyway: () => void;
  onCancel: () => void;
}

/**
 * The end of a form that main may answer with "already there": the duplicate question in place of
 * the form's error and its Save / Cancel buttons, or those when there is no question.
 */
export function SaveFooter({ duplicate, formError, saving, saveLabel, onSaveAnyway, onCancel }: FooterProps) {
  if (duplicate) return <DuplicatePrompt message={duplicate} saving={saving} onSaveAnyway={onSaveAnyway} onCancel={onCancel} />;
  return (
    <>
      {formError}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
