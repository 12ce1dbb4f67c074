import type { ReactNode } from 'react';

/** What a page shows before there is anything on it: what it is for, and what to do first. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      <div className="empty-body">{children}</div>
      {action ? <div className="actions">{action}</div> : null}
    </section>
  );
}
