import { useFields } from '../store/useFields';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bindingFor } from '../../../shared/viewer/keyBindings';
import { planViewports } from '../../../shared/viewer/planViewports';
import { initCornerstone } from '../cornerstone/initCornerstone';
import { reportError } from '../store/appStore';
import { useStudyStore } from '../store/studyStore';
import { HelpOverlay, type HelpSection } from '../viewer/HelpOverlay';
import { LoadBar } from '../viewer/LoadBar';
import { loadStudyVolumes, noteVolumeShown } from '../viewer/loadStudyVolumes';
import { runAction, stopCine } from '../viewer/viewerActions';
import { applyLayout, engine, showVolume } from '../viewer/viewerEngine';
import { ViewerToolbar } from '../viewer/ViewerToolbar';
import { ViewportPane } from '../viewer/ViewportPane';
import { useViewerStore } from '../viewer/viewerStore';
import '../viewer/viewer.css';

// Loading starts when a study is chosen, not when this tab first renders.
useStudyStore.subscribe((s, prev) => {
  if (s.viewerSeries !== prev.viewerSeries && s.viewerSeries.length) {
    const series = s.viewerSeries;
    initCornerstone().then(
      () => loadStudyVolumes(series),
      (e) => reportError('Starting the viewer', e),
    );
  }
});

/** View: the recognised phases side by side (or MPR / 1x1 / 3D of the active one). */
export function ViewerWorkspace({ helpSections }: { helpSections?: readonly HelpSection[] } = {}) {
  const series = useStudyStore((s) => s.viewerSeries);
  const v = useFields(
    useViewerStore,
    'active',
    'activeViewportId',
    'help',
    'layout',
    'progress',
    'setActiveViewport',
    'toggle',
    'volumes',
    'vrPreset',
  );
  const [ready, setReady] = useState(false);
  const elements = useRef(new Map<string, HTMLDivElement>());
  /** Which volume each viewport shows, so a layout is wired once and volumes added as they arrive. */
  const shown = useRef(new Map<string, string>());
  const [shownTick, setShownTick] = useState(0);

  const specs = useMemo(
    () =>
      planViewports(
        series.map((s) => ({ phase: s.phase.label, description: s.description, seriesNumber: s.seriesNumber })),
        v.layout,
        v.active,
      ),
    [series, v.layout, v.active],
  );
  const specKey =
    specs.map((s) => `${s.id}:${s.seriesIndex}`).join('|') + `|${series.map((s) => s.seriesInstanceUid).join(',')}`;
  const activeId = specs.some((s) => s.id === v.activeViewportId) ? v.activeViewportId : (specs[0]?.id ?? '');
  const syncFor = (n: number) =>
    series[n]?.frameOfReferenceUid === series[specs[0]?.seriesIndex ?? 0]?.frameOfReferenceUid;

  useEffect(() => {
    initCornerstone().then(
      () => setReady(true),
      (e) => reportError('Starting the viewer', e),
    );
  }, []);
  useEffect(() => {
    if (ready && series.length) loadStudyVolumes(series);
  }, [ready, series]);

  const onElement = useCallback((id: string, el: HTMLDivElement | null) => {
    if (el) elements.current.set(id, el);
    else elements.current.delete(id);
  }, []);

  // Wire the layout whenever the set of viewports changes.
  useEffect(() => {
    if (!ready || !specs.length) return;
    const panes = specs.flatMap((spec) => {
      const element = elements.current.get(spec.id);
      return element ? [{ spec, element, frameOfReferenceUid: series[spec.seriesIndex]!.frameOfReferenceUid }] : [];
    });
    const { syncVoi, crosshairs } = useViewerStore.getState();
    applyLayout(panes, { syncVoi, crosshairs });
    shown.current.clear();
    setShownTick((t) => t + 1);
    const ro = new ResizeObserver(() => engine().resize(true, true));
    for (const p of panes) ro.observe(p.element);
    return () => {
      ro.disconnect();
      stopCine(panes.map((p) => p.element));
    };
  }, [ready, specKey]);

  // Put each volume on its viewports as soon as it exists (pixels keep streaming in).
  useEffect(() => {
    if (!ready) return;
    const pending = specs.filter((s) => {
      const vid = v.volumes[series[s.seriesIndex]!.seriesInstanceUid];
      return vid && shown.current.get(s.id) !== vid;
    });
    for (const spec of pending) {
      const volumeId = v.volumes[series[spec.seriesIndex]!.seriesInstanceUid]!;
      shown.current.set(spec.id, volumeId);
      const follow =
        v.layout === 'phases' && syncFor(spec.seriesIndex)
          ? specs.find((o) => o.id !== spec.id && shown.current.has(o.id) && syncFor(o.seriesIndex))?.id
          : undefined;
      const uid = series[spec.seriesIndex]!.seriesInstanceUid;
      showVolume(spec, volumeId, { vrPreset: v.vrPreset, followViewportId: follow }).then(
        () => {
          noteVolumeShown(uid);
          setShownTick((t) => t + 1);
        },
        (e) => reportError(`Showing ${spec.title}`, e),
      );
    }
  }, [ready, v.volumes, shownTick]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
      // Space and Enter on a focused button press the button.
      if (t?.tagName === 'BUTTON' && (e.key === ' ' || e.key === 'Enter')) return;
      const b = bindingFor(e);
      if (!b) return;
      e.preventDefault();
      runAction(
        b.action,
        activeId,
        specs.map((s) => s.id),
        (id) => specs.find((s) => s.id === id)?.seriesIndex,
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [activeId, specs]);

  if (!series.length) {
    return (
      <section className="viewer-empty" data-testid="viewer-empty">
        <p>No study open. Open a folder or a sample case on the Start tab; its phases will hang here side by side.</p>
      </section>
    );
  }
  const vr = specs.find((s) => s.kind === 'volume3d');
  return (
    <section className="viewer" data-testid="viewer">
      <ViewerToolbar activeViewportId={activeId} vrViewportId={vr?.id ?? null}>
        <LoadBar series={series} />
      </ViewerToolbar>
      <div className={`viewer-grid n${specs.length} ${v.layout}`}>
        {specs.map((spec) => {
          const s = series[spec.seriesIndex]!;
          return (
            <ViewportPane
              key={spec.id}
              spec={spec}
              series={s}
              active={spec.id === activeId}
              shown={shownTick > 0 && shown.current.has(spec.id)}
              progress={v.progress[s.seriesInstanceUid]}
              synced={v.layout === 'phases' && specs.length > 1 ? syncFor(spec.seriesIndex) : null}
              onElement={onElement}
              onActivate={() => v.setActiveViewport(spec.id, spec.seriesIndex)}
            />
          );
        })}
      </div>
      {v.help && <HelpOverlay sections={helpSections} onClose={() => v.toggle('help')} />}
    </section>
  );
}
