import { useFields } from '../store/useFields';
import { ExportPanel } from '../report/ExportPanel';
import { ReportPage } from '../report/ReportPage';
import { buildReport, captureFromViewer, savePdf } from '../report/reportActions';
import { useReportStore } from '../report/reportStore';
import '../report/report.css';

/** Report & Export: inputs and key images, the page preview, and sending to folder/PACS. */
export function ReportWorkspace() {
  const r = useFields(
    useReportStore,
    'busy',
    'inputs',
    'keyImages',
    'model',
    'pdfByteLength',
    'removeKeyImage',
    'setInputs',
  );
  const busy = r.busy !== null;
  return (
    <section className="report-workspace" data-testid="report-workspace" data-busy={busy ? '1' : '0'}>
      <div className="report-left">
        <h2>Report</h2>
        <label>
          Indication
          <textarea
            data-testid="report-indication"
            rows={3}
            value={r.inputs.indication}
            onChange={(e) => r.setInputs({ indication: e.target.value })}
          />
        </label>
        <label>
          Procedure
          <input
            data-testid="report-procedure"
            value={r.inputs.procedure}
            onChange={(e) => r.setInputs({ procedure: e.target.value })}
          />
        </label>
        <label>
          Prepared by
          <input
            data-testid="report-prepared-by"
            value={r.inputs.preparedBy}
            onChange={(e) => r.setInputs({ preparedBy: e.target.value })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={r.inputs.includePlan}
            onChange={(e) => r.setInputs({ includePlan: e.target.checked })}
          />{' '}
          Include the Plan workspace outcomes
        </label>
        <h3>Key images ({r.keyImages.length})</h3>
        <button
          data-testid="capture-key-images"
          disabled={busy}
          onClick={() => void captureFromViewer()}
          title="Captures every viewport of the View workspace with its overlays"
        >
          Capture viewports
        </button>
        <div className="key-thumbs" data-testid="key-thumbs">
          {r.keyImages.map((k, i) => (
            <figure key={i} data-testid="key-thumb">
              <img src={`data:image/png;base64,${k.pngBase64}`} alt={k.caption} />
              <figcaption>{k.caption}</figcaption>
              <button aria-label="Remove key image" onClick={() => r.removeKeyImage(i)}>
                ✕
              </button>
            </figure>
          ))}
        </div>
        <div className="row">
          <button className="primary" data-testid="build-report" disabled={busy} onClick={() => void buildReport()}>
            Build report
          </button>
          <button data-testid="save-pdf" disabled={busy} onClick={() => void savePdf()}>
            Save PDF…
          </button>
        </div>
        {r.busy && (
          <div className="muted" data-testid="report-busy">
            {r.busy}
          </div>
        )}
      </div>
      <div className="report-preview">
        {r.model ? (
          <ReportPage model={r.model} pdfBytes={r.pdfByteLength} />
        ) : (
          <p className="muted">
            Build the report to preview it. It reads the saved case: the segmentation on screen is saved first.
          </p>
        )}
      </div>
      <ExportPanel />
    </section>
  );
}
