import { useEffect, useState } from 'react';
import { api } from '../api';
import { reportError, useAppStore } from '../store/appStore';

/** First screen: open a folder or a sample case, or check the display. */
export function StartWorkspace() {
  const setWorkspace = useAppStore((s) => s.setWorkspace);
  const [info, setInfo] = useState<string>('');
  useEffect(() => {
    api()
      .invoke('app:info', {})
      .then((i) => setInfo(`LiverPlan ${i.appVersion} · ${i.host} · data in ${i.userDataDir}`))
      .catch((e) => reportError('Reading app info', e));
  }, []);
  return (
    <section className="start">
      <h1>LiverPlan</h1>
      <p className="lead">Plan embolization, chemoembolization, Y-90 radioembolization and thermal ablation of liver tumours.</p>
      <div className="start-actions">
        <button onClick={() => setWorkspace('selftest')}>Display self-test</button>
      </div>
      <footer className="about" data-testid="app-info">
        {info}
      </footer>
    </section>
  );
}
