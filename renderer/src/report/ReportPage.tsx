import { localDateTime } from '../../../shared/report/formatPeople';
import type { ReportModel } from '../../../shared/report/model';
import { reportSections, type ReportBlock } from '../../../shared/report/reportSections';

type KeyImage = ReportModel['keyImages'][number];

/** A key image with its orientation letters at the edges, as the PDF prints them. */
function KeyImageFigure({ image }: { image: KeyImage }) {
  const o = image.orientation;
  return (
    <figure data-testid="report-key-image">
      <div className="report-key-frame">
        <img src={`data:image/png;base64,${image.pngBase64}`} alt={image.caption} />
        {o && (
          <>
            <span className="orient top">{o.top}</span>
            <span className="orient bottom">{o.bottom}</span>
            <span className="orient left">{o.left}</span>
            <span className="orient right">{o.right}</span>
          </>
        )}
      </div>
      <figcaption>{image.caption}</figcaption>
    </figure>
  );
}

function Block({ block, model }: { block: ReportBlock; model: ReportModel }) {
  switch (block.kind) {
    case 'title':
      return <h1>{block.text}</h1>;
    case 'banner':
      return <div className="warn">{block.text}</div>;
    case 'heading':
      return <h2>{block.text}</h2>;
    case 'paragraph':
      return <p className={block.small ? 'muted' : undefined}>{block.bold ? <b>{block.text}</b> : block.text}</p>;
    case 'facts':
      return (
        <dl className="report-meta">
          {block.pairs.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      );
    case 'table':
      return (
        <table>
          <thead>
            <tr>
              {block.headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => (
                  <td key={c}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'images':
      return (
        <section className="report-images" data-testid="report-key-images">
          {model.keyImages.map((k, i) => (
            <KeyImageFigure key={i} image={k} />
          ))}
        </section>
      );
    case 'space':
      return null;
  }
}

/** The report as the PDF prints it: the same blocks (shared/report/reportSections), in the same order. */
export function ReportPage({ model, pdfBytes }: { model: ReportModel; pdfBytes: number }) {
  const { blocks } = reportSections(model);
  return (
    <article className="report-page" data-testid="report-page">
      <div className="muted">
        Preview of the PDF ({Math.round(pdfBytes / 1024)} kB), built {localDateTime(new Date(model.generatedAt))}
      </div>
      {blocks.map((b, i) => (
        <div key={i} data-testid={b.kind === 'table' && b.headers[0] === 'Structure' ? 'report-volumetry' : undefined}>
          <Block block={b} model={model} />
        </div>
      ))}
    </article>
  );
}
