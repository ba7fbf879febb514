import { useState } from 'react';
import { MEASUREMENT_RULES } from '../../../shared/volume/measurementRules';
import { f1, MarginLegend, MarginTable } from '../ablation';
import { isoDate } from '../../../shared/report/formatPeople';
import { undoEdit } from '../segmentation';
import { useCaseStore } from '../store/caseStore';
import { useStudyStore } from '../store/studyStore';
import {
  backToPhases,
  cancelConfirmation,
  clearZone,
  computeConfirmation,
  pairResiduals,
  postCandidates,
  refineRegistration,
  removePair,
  showPrePost,
  zoneMaskOp,
} from './confirmActions';
import { useConfirmStore, type ConfirmMode } from './confirmStore';
import { reportError } from '../store/appStore';

const xyz = (p: readonly number[] | null) => (p ? p.map((v) => v.toFixed(0)).join(', ') : '—');
const TARGET_MM = MEASUREMENT_RULES.marginTarget.value;

function ModeButton({ mode, label, testId }: { mode: Exclude<ConfirmMode, null>; label: string; testId: string }) {
  const active = useConfirmStore((s) => s.mode === mode);
  return (
    <button
      className={active ? 'active' : ''}
      aria-pressed={active}
      data-testid={testId}
      onClick={() => useConfirmStore.getState().set({ mode: active ? null : mode })}
    >
      {label}
    </button>
  );
}

function SeriesSection() {
  // Re-render on study list changes: the candidates are derived from it.
  useStudyStore((s) => s.studies);
  const shown = useStudyStore((s) => s.viewerSeries);
  const postUid = useConfirmStore((s) => s.postSeriesUid);
  const candidates = postCandidates();
  const [choice, setChoice] = useState<string>('');
  const selected = choice || postUid || candidates[0]?.seriesInstanceUid || '';
  const showing = shown.some((s) => s.seriesInstanceUid === postUid);
  return (
    <section>
      <h3>1. Post-ablation series</h3>
      {candidates.length === 0 ? (
        <p className="hint" data-testid="confirm-no-post">
          No series of this patient in another frame of reference. Import the post-ablation CT (Start &gt; Open folder);
          it appears here.
        </p>
      ) : (
        <>
          <select data-testid="confirm-post-series" value={selected} onChange={(e) => setChoice(e.target.value)}>
            {candidates.map((c) => (
              <option key={c.seriesInstanceUid} value={c.seriesInstanceUid}>
                {isoDate(c.studyDate) || 'no date'} · #{c.seriesNumber} {c.description}
              </option>
            ))}
          </select>
          <div className="buttons">
            <button
              data-testid="confirm-show"
              disabled={!selected}
              onClick={() => {
                try {
                  showPrePost(selected);
                } catch (e) {
                  reportError('Showing the post-ablation series', e);
                }
              }}
            >
              Show pre | post
            </button>
            <button data-testid="confirm-back" disabled={!showing} onClick={backToPhases}>
              Back to phases
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ZoneSection() {
  const volume = useConfirmStore((s) => s.zoneVolumeMl);
  const edited = useConfirmStore((s) => s.zoneRevision > 0);
  const [mm, setMm] = useState(1);
  return (
    <section>
      <h3>2. Ablation zone (post series)</h3>
      <div className="buttons">
        <ModeButton mode="zone" label="Click inside zone" testId="confirm-zone-mode" />
        <button onClick={() => void zoneMaskOp('fill-holes', mm)}>Fill holes</button>
        <button onClick={() => void zoneMaskOp('grow', mm)}>Grow</button>
        <button onClick={() => void zoneMaskOp('shrink', mm)}>Shrink</button>
        <label>
          <input
            type="number"
            min={0.5}
            max={10}
            step={0.5}
            value={mm}
            onChange={(e) => setMm(Number(e.target.value))}
          />{' '}
          mm
        </label>
        <button
          disabled={!edited}
          onClick={undoEdit}
          title="Undo the last edit (Ctrl+Z; zone edits share the case's undo)"
        >
          Undo
        </button>
        <button onClick={clearZone}>Clear</button>
      </div>
      <div>
        Zone <b data-testid="confirm-zone-volume">{volume.toFixed(1)}</b> mL on the post-ablation series
      </div>
    </section>
  );
}

function LandmarkSection() {
  const pairs = useConfirmStore((s) => s.pairs);
  const reg = useConfirmStore((s) => s.registration);
  const error = useConfirmStore((s) => s.registrationError);
  const residuals = pairResiduals();
  return (
    <section>
      <h3>3. Landmarks (rigid registration)</h3>
      <div className="buttons">
        <ModeButton mode="landmark" label="Place landmarks" testId="confirm-landmark-mode" />
      </div>
      <p className="hint">
        Click a landmark (vessel bifurcation, lesion-free anatomy) on the pre-procedure view, then the same point on the
        post view. Three pairs at least, spread out, not on one line.
      </p>
      <table className="pairs" data-testid="confirm-pairs">
        <thead>
          <tr>
            <th>#</th>
            <th>Pre (L,P,S)</th>
            <th>Post (L,P,S)</th>
            <th>Residual</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {pairs.map((p, n) => (
            <tr key={n} data-testid={`confirm-pair-${n}`}>
              <td>{n + 1}</td>
              <td>{xyz(p.pre)}</td>
              <td>{xyz(p.post)}</td>
              <td data-testid={`confirm-residual-${n}`}>
                {residuals[n] === null || residuals[n] === undefined ? '—' : `${residuals[n]!.toFixed(1)} mm`}
              </td>
              <td>
                <button title="Delete this pair" onClick={() => removePair(n)}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reg && (
        <div data-testid="confirm-rms">
          RMS residual <b>{reg.rmsMm.toFixed(1)}</b> mm over {reg.residualsMm.length} pairs
          {reg.rmsMm > 5 && (
            <span className="warning"> - check the pairs: a mismatched landmark gives a wrong margin</span>
          )}
        </div>
      )}
      {error && <div className="hint">{error}</div>}
    </section>
  );
}

function RefineSection() {
  const reg = useConfirmStore((s) => s.registration);
  const refinement = useConfirmStore((s) => s.refinement);
  return (
    <section>
      <h3>4. Automatic refinement</h3>
      <div className="buttons">
        <button data-testid="confirm-refine" disabled={!reg} onClick={() => void refineRegistration()}>
          Refine automatically
        </button>
        <button
          disabled={!refinement}
          onClick={() =>
            useConfirmStore.getState().set({ refinement: null, result: null, note: 'Using the landmark transform.' })
          }
        >
          Use landmarks only
        </button>
      </div>
      <div data-testid="confirm-transform">
        Transform in use: {refinement ? 'landmarks + intensity refinement' : reg ? 'landmarks' : 'none yet'}
      </div>
    </section>
  );
}

function MarginSection() {
  const segments = useCaseStore((s) => s.segments);
  const lesions = segments.filter((x) => x.kind === 'lesion');
  const tumourLabel = useConfirmStore((s) => s.tumourLabel);
  const result = useConfirmStore((s) => s.result);
  return (
    <section>
      <h3>5. Margin in the pre-procedure frame</h3>
      <select
        data-testid="confirm-tumour"
        value={tumourLabel ?? lesions[0]?.label ?? ''}
        onChange={(e) => useConfirmStore.getState().set({ tumourLabel: Number(e.target.value), result: null })}
      >
        {lesions.length === 0 && <option value="">No lesion segment</option>}
        {lesions.map((l) => (
          <option key={l.label} value={l.label}>
            {l.name}
          </option>
        ))}
      </select>
      <div className="buttons">
        <button data-testid="confirm-compute" onClick={() => void computeConfirmation()}>
          Compute margin
        </button>
      </div>
      {result && (
        <div className="tumour" data-testid="confirm-result">
          <MarginTable margin={result.margin} targetMm={TARGET_MM} testId="confirm" />
          {result.margin.residualTumour && (
            <div className="warning" data-testid="confirm-residual">
              Residual unablated tumour: part of the tumour surface lies outside the achieved zone.
            </div>
          )}
          {!result.margin.residualTumour && result.margin.mamMm < TARGET_MM && (
            <div className="warning">Minimal margin below {TARGET_MM} mm: higher risk of local tumour progression.</div>
          )}
          <div>
            Achieved zone {f1(result.zoneVolumeMl)} mL ({f1(result.zoneInPreVolumeMl)} mL within the pre-procedure
            series)
          </div>
          {result.note && <div className="hint">{result.note}</div>}
          <MarginLegend targetMm={TARGET_MM} zone="achieved zone" />
        </div>
      )}
    </section>
  );
}

/** Ablation confirmation: post series, achieved zone, landmark registration, refinement, margin. */
export function ConfirmPanel() {
  const busy = useConfirmStore((s) => s.busy);
  const note = useConfirmStore((s) => s.note);
  const mode = useConfirmStore((s) => s.mode);
  return (
    <div className="ablation-panel confirm-panel" data-testid="confirm-panel" data-busy={busy ? 'true' : 'false'}>
      <SeriesSection />
      {mode && (
        <div className="prompt" data-testid="confirm-prompt">
          {mode === 'zone'
            ? 'Click inside the ablation zone on the post-ablation view (Esc to stop).'
            : 'Click the landmark on one series, then on the other (Esc to stop).'}
        </div>
      )}
      {busy && (
        <div className="busy" data-testid="confirm-busy">
          {busy.label}… {Math.round(busy.fraction * 100)}% <button onClick={cancelConfirmation}>Cancel</button>
        </div>
      )}
      {note && (
        <div className="hint" data-testid="confirm-note">
          {note}
        </div>
      )}
      <ZoneSection />
      <LandmarkSection />
      <RefineSection />
      <MarginSection />
    </div>
  );
}
