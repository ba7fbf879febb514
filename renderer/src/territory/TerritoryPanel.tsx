import { useFields } from '../store/useFields';
import { useEffect, useState } from 'react';
import { keptSideWords } from '../../../shared/case/liverSplit';
import type { TargetFigures } from '../../../shared/case/targetFigures';
import { scheduleStatistics } from '../segmentation';
import { useCaseStore } from '../store/caseStore';
import { PointInput } from './PointInput';
import { TerritoryPreview3D } from './TerritoryPreview3D';
import { draftCuts, placedPlanes, placedPoints, PREVIEW_ID, useTerritoryStore } from './territoryStore';
import './territory.css';

const ml = (v: number) => v.toFixed(1);

function Figures({ f, testId }: { f: TargetFigures | undefined; testId: string }) {
  if (!f) return <span className="muted">measuring…</span>;
  return (
    <span
      className="territory-figures"
      data-testid={testId}
      data-target-ml={f.targetMl}
      data-tumour-ml={f.tumourMl}
      data-normal-ml={f.normalMl}
    >
      liver {ml(f.targetMl)} mL · tumour {ml(f.tumourMl)} mL ({f.tumourKg.toFixed(3)} kg) · normal {ml(f.normalMl)} mL (
      {f.normalKg.toFixed(3)} kg)
    </span>
  );
}

/**
 * Y-90 target territories: the liver split by planes of three points each (clicked on the views
 * or typed in LPS mm), previewed as an overlay with its figures before it is applied, named, and
 * picked as the target. Listed in treatment order: a later target carries the lung dose of the
 * ones before it.
 */
export function TerritoryPanel() {
  const s = useFields(
    useTerritoryStore,
    'addPlane',
    'apply',
    'cancelDraft',
    'draft',
    'flip',
    'placing',
    'remove',
    'removePlane',
    'setDraft',
    'setLungDose',
    'setPoint',
    'setTarget',
    'startPlacing',
    'stopPlacing',
    'targetId',
    'territories',
  );
  const figures = useCaseStore((c) => c.stats?.territories);
  const wholeLiverMl = useCaseStore((c) => c.stats?.wholeLiver?.ml);
  const [error, setError] = useState('');
  const of = (id: string) => figures?.find((t) => t.id === id)?.figures;
  const cuts = draftCuts(s.draft);
  const points = placedPoints(s.draft);

  useEffect(
    () =>
      // Territories are measured with the case (shared/case/measureCase), so a change re-measures.
      useTerritoryStore.subscribe((now, prev) => {
        if (now.territories !== prev.territories || now.draft.planes !== prev.draft.planes) scheduleStatistics(100);
      }),
    [],
  );

  return (
    <section className="territory-panel" data-testid="territory-panel">
      <h3>Territory (Y-90 target)</h3>
      {s.territories.length > 0 && (
        <ol className="territory-list">
          {s.territories.map((t) => (
            <li key={t.id} data-testid={`territory-${t.id}`} data-name={t.name}>
              <label>
                <input
                  type="radio"
                  name="y90-target"
                  data-testid={`territory-target-${t.id}`}
                  checked={s.targetId === t.id}
                  onChange={() => s.setTarget(t.id)}
                />{' '}
                <b>{t.name}</b>
                {t.lobe ? ` (${t.lobe} lobe split)` : ''}
              </label>{' '}
              <button onClick={() => s.remove(t.id)} title="Remove this territory">
                ×
              </button>
              <br />
              <Figures f={of(t.id)} testId={`territory-figures-${t.id}`} />
              <br />
              <label className="muted">
                Lung dose of this session (Gy){' '}
                <input
                  type="number"
                  min={0}
                  step={0.1}
                  className="territory-lung"
                  value={t.lungDoseGy ?? ''}
                  onChange={(e) => s.setLungDose(t.id, e.target.value === '' ? undefined : Number(e.target.value))}
                />
              </label>
            </li>
          ))}
        </ol>
      )}
      <div className="territory-draft">
        <input
          data-testid="territory-name"
          placeholder="Name, e.g. Right lobe"
          value={s.draft.name}
          onChange={(e) => s.setDraft({ name: e.target.value })}
        />
        <select
          data-testid="territory-lobe"
          value={s.draft.lobe ?? ''}
          onChange={(e) => s.setDraft({ lobe: e.target.value as 'right' | 'left' | '' })}
          title="Marks a right/left lobe split: each lesion then gets its lobe"
        >
          <option value="">not a lobe</option>
          <option value="right">is the right lobe</option>
          <option value="left">is the left lobe</option>
        </select>
        {s.draft.planes.map((p, n) => {
          const complete = p.points.every(Boolean);
          return (
            <fieldset key={n} data-testid={`territory-plane-${n}`}>
              <legend>Plane {n + 1}</legend>
              {p.points.map((pt, k) => (
                <PointInput
                  key={k}
                  testId={`territory-point-${n}-${k}`}
                  value={pt}
                  active={s.placing?.plane === n && s.placing.point === k}
                  onChange={(v) => s.setPoint(n, k, v)}
                />
              ))}
              <button
                data-testid={`territory-place-${n}`}
                className={s.placing?.plane === n ? 'active' : ''}
                onClick={() => (s.placing?.plane === n ? s.stopPlacing() : s.startPlacing(n))}
              >
                {s.placing?.plane === n ? 'Stop placing' : 'Place 3 points'}
              </button>{' '}
              {complete && typeof cuts !== 'string' && (
                <>
                  keeps <b data-testid={`territory-side-${n}`}>{keptSideWords(cuts[n]!)}</b>{' '}
                  <button data-testid={`territory-flip-${n}`} onClick={() => s.flip(n)}>
                    Flip side
                  </button>
                </>
              )}
              {s.draft.planes.length > 1 && <button onClick={() => s.removePlane(n)}>Remove plane</button>}
            </fieldset>
          );
        })}
        <button onClick={s.addPlane}>Add plane</button>
        <div className="territory-preview" data-testid="territory-preview">
          {typeof cuts === 'string' ? (
            <span className="muted">{cuts}</span>
          ) : (
            <>
              Preview: <Figures f={of(PREVIEW_ID)} testId="territory-preview-figures" />
            </>
          )}
          {/* In 3D from the first point placed: the points and planes as they come, the parts once all are placed. */}
          {points.length > 0 && (
            <TerritoryPreview3D
              planes={placedPlanes(s.draft)}
              split={typeof cuts === 'string' ? null : cuts}
              points={points}
              figures={of(PREVIEW_ID)}
              wholeLiverMl={wholeLiverMl}
            />
          )}
        </div>
        <button
          data-testid="territory-apply"
          disabled={typeof cuts === 'string'}
          onClick={() => setError(s.apply() ?? '')}
        >
          Apply
        </button>{' '}
        <button
          data-testid="territory-cancel"
          disabled={!s.draft.name && !points.length}
          onClick={() => {
            s.cancelDraft();
            setError('');
          }}
        >
          Cancel
        </button>
        {error && <p className="error">{error}</p>}
      </div>
    </section>
  );
}
