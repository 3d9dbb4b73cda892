import type { ReactNode } from 'react';

/** What a view shows when it has nothing yet: what this place is for, and the next step. */
export function EmptyState(props: { icon: ReactNode; title: string; text: string; children?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <div className="empty-icon" aria-hidden="true">
        {props.icon}
      </div>
      <h2>{props.title}</h2>
      <p>{props.text}</p>
      {props.children && <div className="empty-actions">{props.children}</div>}
    </div>
  );
}
