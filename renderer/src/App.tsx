// The panel: a tab for each role (agent, team lead, QA) and settings; one store per concern.
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { ApiClient } from '../../shared/api.ts';
import { createStores, StoresContext, useSlice, useStores } from './stores/index.ts';
import { VIEWS, type ViewId } from './stores/nav.ts';
import { QueueView } from './views/agent/QueueView.tsx';
import { TicketPane } from './views/agent/TicketPane.tsx';
import { LeadView } from './views/lead/LeadView.tsx';
import { QaView } from './views/qa/RunsView.tsx';
import { SettingsView } from './views/settings/SettingsView.tsx';

export function App({ api }: { api: ApiClient }) {
  const stores = useMemo(() => createStores(api), [api]);
  useEffect(
    () =>
      api.on((event) => {
        stores.work.getState().onEvent(event);
        stores.approvals.getState().onEvent(event);
      }),
    [api, stores],
  );
  return (
    <StoresContext.Provider value={stores}>
      <Shell />
    </StoresContext.Provider>
  );
}

function Shell() {
  const { nav } = useStores();
  const view = useSlice('nav', (s) => s.view);
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});

  const onKey = (event: KeyboardEvent) => {
    const at = VIEWS.findIndex((v) => v.id === view);
    const to =
      event.key === 'ArrowRight' ? (at + 1) % VIEWS.length : event.key === 'ArrowLeft' ? (at - 1 + VIEWS.length) % VIEWS.length : event.key === 'Home' ? 0 : event.key === 'End' ? VIEWS.length - 1 : -1;
    const next = VIEWS[to];
    if (!next) return;
    event.preventDefault();
    nav.getState().show(next.id);
    tabs.current[next.id]?.focus();
  };

  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">Legwork</span>
        <div role="tablist" aria-label="Views" className="tabs" onKeyDown={onKey}>
          {VIEWS.map((v) => (
            <button
              key={v.id}
              ref={(el) => {
                tabs.current[v.id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${v.id}`}
              aria-selected={view === v.id}
              aria-controls="view-panel"
              tabIndex={view === v.id ? 0 : -1}
              onClick={() => nav.getState().show(v.id)}
            >
              {v.label}
            </button>
          ))}
        </div>
      </header>
      <main id="view-panel" role="tabpanel" aria-labelledby={`tab-${view}`} className="app-main">
        <CurrentView view={view} />
      </main>
    </div>
  );
}

function CurrentView({ view }: { view: ViewId }) {
  const ticketId = useSlice('work', (s) => s.ticketId);
  switch (view) {
    case 'agent':
      return ticketId === null ? <QueueView /> : <TicketPane />;
    case 'lead':
      return <LeadView />;
    case 'qa':
      return <QaView />;
    case 'settings':
      return <SettingsView />;
  }
}
