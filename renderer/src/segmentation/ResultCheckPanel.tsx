import { useCaseStore } from '../store/caseStore';
import { showFindingAt, startExcludeStroke, undoFlaggedResult } from './editActions';

const WHAT = { liver: 'liver', lesion: 'lesion' } as const;

/**
 * The plausibility check of the last liver or lesion result, beside it in the Segment panel:
 * each finding in clinical words, where it shows, and the fix with buttons. A result that passes
 * replaces the findings with one quiet line; nothing flagged is ever dropped silently.
 */
export function ResultCheckPanel() {
  const check = useCaseStore((s) => s.check);
  const segments = useCaseStore((s) => s.segments);
  if (!check) return null;
  const name = segments.find((s) => s.label === check.label)?.name ?? WHAT[check.kind];
  if (!check.findings.length)
    return (
      <div className="result-check passed" data-testid="result-check" data-state="passed">
        {name}: plausibility checks passed
        {check.kind === 'liver'
          ? ': no bone or air inside, nothing beside the lung, no volume jump against a previous seed.'
          : ': size and position plausible.'}
      </div>
    );
  return (
    <div className="result-check flagged" role="alert" data-testid="result-check" data-state="flagged">
      <h3>
        Check this {WHAT[check.kind]} result ({name})
      </h3>
      <ul>
        {check.findings.map((f, n) => (
          <li key={f.code} data-testid={`finding-${f.code}`}>
            <div className="message">{f.message}</div>
            {check.where[n] && (
              <div className="where">
                Where: {check.where[n]}{' '}
                {check.focus[n] && (
                  <button
                    data-testid={`finding-show-${f.code}`}
                    title="Scroll the slice views there"
                    onClick={() => showFindingAt(check.focus[n]!)}
                  >
                    Show
                  </button>
                )}
              </div>
            )}
            <div className="fix">Fix: {f.fix}.</div>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button data-testid="finding-undo" title="Undo this result (Ctrl+Z)" onClick={undoFlaggedResult}>
          Undo
        </button>
        {check.kind === 'liver' && (
          <button
            data-testid="finding-exclude"
            title="Choose the Liver tool: Alt+drag over the leak paints a 'not liver' stroke and the liver re-grows"
            onClick={startExcludeStroke}
          >
            Paint “not liver” (Alt+drag)
          </button>
        )}
      </div>
    </div>
  );
}
