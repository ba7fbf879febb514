import type { ReactNode } from 'react';
import { useFields } from '../store/useFields';
import type { ViewerLayout } from '../../../shared/viewer/planViewports';
import { VR_PRESETS } from '../../../shared/viewer/vrPresets';
import { WL_PRESETS } from '../../../shared/viewer/wlPresets';
import { applyPreset, resetViewport, setCine, toggleInvert } from './viewerActions';
import { setCrosshairs, setVoiSync, setVrPreset } from './viewerEngine';
import { useViewerStore } from './viewerStore';

const LAYOUTS: { id: ViewerLayout; label: string; key: string }[] = [
  { id: 'phases', label: 'Phases', key: 'P' },
  { id: 'mpr', label: 'MPR', key: 'M' },
  { id: 'single', label: '1×1', key: 'O' },
  { id: 'volume3d', label: '3D', key: 'V' },
];

/** Layout, W/L presets, invert, reset, cine, sync and 3D preset: every button has a key too (see ?). */
export function ViewerToolbar({
  activeViewportId,
  vrViewportId,
  children,
}: {
  activeViewportId: string;
  vrViewportId: string | null;
  /** Shown at the row's end, before the help button (the study's load progress). */
  children?: ReactNode;
}) {
  const s = useFields(
    useViewerStore,
    'cine',
    'crosshairs',
    'layout',
    'setLayout',
    'setVrPreset',
    'syncVoi',
    'toggle',
    'vrPreset',
  );
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Viewer">
      <span className="group">
        {LAYOUTS.map((l) => (
          <button
            key={l.id}
            className={s.layout === l.id ? 'tab active' : 'tab'}
            title={`${l.label} (${l.key})`}
            onClick={() => s.setLayout(l.id)}
          >
            {l.label}
          </button>
        ))}
      </span>
      <span className="group">
        {WL_PRESETS.map((p, n) => (
          <button
            key={p.id}
            data-testid={`preset-${p.id}`}
            title={`W ${p.width} L ${p.center} (${n + 1}) — ${p.source}`}
            onClick={() => applyPreset(activeViewportId, p.id)}
          >
            {p.label}
          </button>
        ))}
      </span>
      <span className="group">
        <button title="Invert (I)" onClick={() => toggleInvert(activeViewportId)}>
          Invert
        </button>
        <button title="Reset (Space)" onClick={() => resetViewport(activeViewportId)}>
          Reset
        </button>
        <button
          title="Cine (C)"
          className={s.cine ? 'active' : undefined}
          onClick={() => {
            setCine(activeViewportId, !s.cine);
            s.toggle('cine');
          }}
        >
          {s.cine ? 'Stop cine' : 'Cine'}
        </button>
        <label title="Window/level sync across viewports (W)">
          <input
            type="checkbox"
            checked={s.syncVoi}
            onChange={() => {
              setVoiSync(!s.syncVoi);
              s.toggle('syncVoi');
            }}
          />
          Sync W/L
        </label>
        {s.layout === 'mpr' && (
          <label title="Crosshairs (X)">
            <input
              type="checkbox"
              checked={s.crosshairs}
              onChange={() => {
                setCrosshairs(!s.crosshairs);
                s.toggle('crosshairs');
              }}
            />
            Crosshairs
          </label>
        )}
        {vrViewportId && (
          <select
            aria-label="3D preset"
            value={s.vrPreset}
            onChange={(e) => {
              s.setVrPreset(e.target.value);
              setVrPreset(vrViewportId, e.target.value);
            }}
          >
            {VR_PRESETS.map((p) => (
              <option key={p.name} value={p.name}>
                {p.label}
              </option>
            ))}
          </select>
        )}
      </span>
      {children}
      <button className="help-button" title="Keys (?)" onClick={() => s.toggle('help')}>
        ?
      </button>
    </div>
  );
}
