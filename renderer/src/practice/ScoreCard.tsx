import type { PracticeScores } from '../../../shared/practice/index';
import { applyOverlay } from './practiceActions';
import { usePracticeStore, type SubmitResult } from './practiceStore';

const f = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);

const LABELS = { errors: 'Errors', reference: 'Reference', beside: 'Side by side', off: 'Off' } as const;

/** Scores, debrief and the overlay switch of a submitted attempt. */
export function ScoreCard({ result }: { result: SubmitResult }) {
  const overlay = usePracticeStore((s) => s.overlay);
  const s: PracticeScores = result.scores;
  return (
    <div className="score-card" data-testid="score-card" data-task={s.taskId}>
      <h3>
        {result.headline.label}:{' '}
        <span data-testid="headline-value">{f(result.headline.value, result.headline.unit ? 1 : 3)}</span>{' '}
        {result.headline.unit}
      </h3>
      {s.structures.length > 0 && (
        <table className="scores">
          <thead>
            <tr>
              <th>Structure</th>
              <th>Dice</th>
              <th>HD95 mm</th>
              <th>Yours mL</th>
              <th>Reference mL</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {s.structures.map((r) => (
              <tr key={r.structure}>
                <td>{r.structure}</td>
                <td data-testid="dice">{f(r.dice, 3)}</td>
                <td data-testid="hd95">{f(r.hd95Mm)}</td>
                <td>{f(r.attemptMl)}</td>
                <td>{f(r.referenceMl)}</td>
                <td data-testid="volume-error">{f(r.volumeErrorPercent)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.detection && (
        <p data-testid="detection">
          Lesions found {s.detection.found.length}, missed {s.detection.missed.length}, false positives{' '}
          {s.detection.falsePositives.length}
          <span className="hint" title={s.detection.criterion}>
            {' '}
            (by overlap)
          </span>
        </p>
      )}
      {s.ablation && (
        <p data-testid="ablation-score">
          Coverage {f(s.ablation.coveragePercent)}% · margin {f(s.ablation.marginMm)} mm (target {s.ablation.targetMm}{' '}
          mm) · {s.ablation.targetMet ? 'met' : 'not met'}
        </p>
      )}
      {s.dosimetry && (
        <p data-testid="dosimetry-score">
          {f(s.dosimetry.attemptGBq, 3)} GBq vs reference {f(s.dosimetry.referenceGBq, 3)} GBq (
          {f(s.dosimetry.differencePercent)}%)
        </p>
      )}
      <ul className="debrief" data-testid="debrief">
        {s.debrief.map((line, n) => (
          <li key={n}>{line}</li>
        ))}
      </ul>
      {result.errorMapZlib && (
        <div className="overlay-switch" role="radiogroup" aria-label="Overlay">
          {(['errors', 'reference', 'beside', 'off'] as const).map((m) => (
            <button
              key={m}
              role="radio"
              aria-checked={overlay === m}
              className={overlay === m ? 'on' : ''}
              data-testid={`overlay-${m}`}
              onClick={() => applyOverlay(m)}
            >
              {LABELS[m]}
            </button>
          ))}
          <span className="legend">
            <i className="fp" /> false positive <i className="fn" /> false negative <i className="tp" /> agreement{' '}
            <i className="ref" /> reference
          </span>
        </div>
      )}
    </div>
  );
}
