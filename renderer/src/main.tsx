// The panel's entry: picks the transport (Electron's bridge or browser mode's HTTP) and renders.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickClient } from './api/pick-client.ts';
import { App } from './App.tsx';

const root = createRoot(document.getElementById('root')!);
const picked = pickClient(window);
root.render(
  <StrictMode>
    {picked.ok ? (
      <App api={picked.client} />
    ) : (
      <main className="app-main">
        <h1>Legwork</h1>
        <p role="alert" className="error-note">
          {picked.message}
        </p>
      </main>
    )}
  </StrictMode>,
);
