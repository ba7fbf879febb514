import type { ReportModel } from '../../../shared/report/model';

const n1 = (v: number | undefined, unit = '') => (v === undefined ? '–' : `${v.toFixed(1)}${unit}`);

/** The report model laid out as a page, as the PDF prints it (same sections, same order). */
export function ReportPage({ model, pdfBytes }: { model: ReportModel; pdfBytes: number }) {
  return (
    <article className="report-page" data-testid="report-page">
      <header>
        <h1>{model.title}</h1>
        <div className="muted">
          Generated {new Date(model.generatedAt).toLocaleString()} · PDF {Math.round(pdfBytes / 1024)} kB
        </div>
      </header>
      <section className="report-meta">
        <div>
          <b>Patient</b> {model.patient.name} · {model.patient.id}
        </div>
        <div>
          <b>Study</b> {model.study.date} {model.study.description} · {model.study.referenceSeries}
        </div>
        <div>
          <b>Indication</b> {model.indication || '–'}
        </div>
        {model.procedure && (
          <div>
            <b>Procedure</b> {model.procedure}
          </div>
        )}
      </section>
      {model.keyImages.length > 0 && (
        <section className="report-images" data-testid="report-key-images">
          {model.keyImages.map((k, i) => (
            <figure key={i}>
              <img src={`data:image/png;base64,${k.pngBase64}`} alt={k.caption} />
              <figcaption>{k.caption}</figcaption>
            </figure>
          ))}
        </section>
      )}
      <section>
        <h2>Volumetry</h2>
        <table data-testid="report-volumetry">
          <thead>
            <tr>
              <th>Structure</th>
              <th>Volume (mL)</th>
              <th>Mean HU</th>
            </tr>
          </thead>
          <tbody>
            {model.volumetry.map((v) => (
              <tr key={v.name}>
                <td>{v.name}</td>
                <td>{n1(v.volumeMl)}</td>
                <td>{n1(v.meanHu)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="muted">{model.volumeMethod}</div>
        {model.burden && (
          <div>
            Tumour burden {model.burden.percent.toFixed(1)} % ({model.burden.bin})
          </div>
        )}
      </section>
      {model.outcomes.length > 0 && (
        <section>
          <h2>Plan outcomes</h2>
          <ul className="report-outcomes">
            {model.outcomes.map((o, i) => (
              <li key={i} className={o.hardWarning ? 'hard' : ''}>
                <b>{o.status}</b> {o.modality} {o.lesionId} — {o.message}{' '}
                <span className="muted">
                  [{o.ruleId}; {o.source}]
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {model.y90 && (
        <section>
          <h2>Y-90 dosimetry</h2>
          <div className="muted">{model.y90.model}</div>
          {model.y90.rows.map((r) => (
            <div key={r.label}>
              {r.label}: {r.value} {r.unit}
            </div>
          ))}
        </section>
      )}
      {model.ablation && (
        <section>
          <h2>Ablation margins (target {model.ablation.targetMarginMm} mm)</h2>
          {model.ablation.margins.map((m) => (
            <div key={`${m.lesion}-${m.zone}`}>
              {m.lesion} / {m.zone}: minimum {n1(m.minimumMm, ' mm')}, median {n1(m.medianMm, ' mm')}
            </div>
          ))}
          {model.ablation.flags.map((f) => (
            <div key={f} className="warn">
              {f}
            </div>
          ))}
        </section>
      )}
      {model.clinical.length > 0 && (
        <section>
          <h2>Clinical</h2>
          {model.clinical.map((c) => (
            <div key={c.label}>
              {c.label}: {c.value}
            </div>
          ))}
        </section>
      )}
      <footer className="muted">
        {model.versions.software}
        {model.versions.ruleSet ? ` · rules ${model.versions.ruleSet}` : ''}
        {model.signature.preparedBy ? ` · prepared by ${model.signature.preparedBy}` : ''}
        <p>{model.disclaimer}</p>
      </footer>
    </article>
  );
}
