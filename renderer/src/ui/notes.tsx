// An error the user must see, and a polite status line.
import type { ReactNode } from 'react';

export function ErrorNote({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="error-note">
      {message}
    </p>
  );
}

export function StatusNote({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="status-note">
      {children}
    </p>
  );
}
