import { useEffect } from 'react';
import { Notices } from './components/Notices';
import { useAppStore } from './store/appStore';
import { warmUpAtStartUp } from './viewer/viewerEngine';
import { workspaces } from './workspaces/registry';

export function App() {
  const workspace = useAppStore((s) => s.workspace);
  const setWorkspace = useAppStore((s) => s.setWorkspace);
  const active = workspaces.find((w) => w.id === workspace) ?? workspaces[0]!;

  useEffect(() => warmUpAtStartUp(), []);

  useEffect(() => {
    // Ctrl/Cmd + digit switches workspace, as tabs do in browsers.
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const n = Number(e.key);
      const target = workspaces.filter((w) => w.tab)[n - 1];
      if (target) {
        e.preventDefault();
        setWorkspace(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setWorkspace]);

  const Active = active.component;
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">LiverPlan</span>
        <nav className="tabs" role="tablist">
          {workspaces
            .filter((w) => w.tab)
            .map((w, n) => (
              <button
                key={w.id}
                role="tab"
                aria-selected={w.id === workspace}
                className={w.id === workspace ? 'tab active' : 'tab'}
                title={`${w.label} (Ctrl+${n + 1})`}
                onClick={() => setWorkspace(w.id)}
              >
                {w.label}
              </button>
            ))}
        </nav>
        <span className="disclaimer">Planning aid, not a medical device</span>
      </header>
      <main className="workspace" data-testid={`workspace-${active.id}`}>
        <Active />
      </main>
      <Notices />
    </div>
  );
}
