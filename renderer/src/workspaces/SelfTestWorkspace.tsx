import { useEffect, useRef, useState } from 'react';
import { initCornerstone } from '../cornerstone/initCornerstone';
import { runDisplaySelfTest } from '../cornerstone/selfTest';
import { reportError } from '../store/appStore';

/** Help > Display self-test: proves WebGL volume rendering works on this machine. */
export function SelfTestWorkspace() {
  const ref = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('Rendering a generated test volume…');
  useEffect(() => {
    let live = true;
    (async () => {
      try {
        await initCornerstone();
        if (!ref.current) return;
        const { ms } = await runDisplaySelfTest(ref.current);
        if (live) setStatus(`Volume rendered in ${ms.toFixed(0)} ms. Display works.`);
      } catch (e) {
        if (live) setStatus('Volume rendering failed.');
        reportError('Display self-test', e);
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="selftest">
      <h2>Display self-test</h2>
      <p data-testid="selftest-status">{status}</p>
      <div ref={ref} className="viewport-element" data-testid="selftest-viewport" style={{ width: 512, height: 512 }} />
    </section>
  );
}
