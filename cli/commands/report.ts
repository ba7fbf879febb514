import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { measureCase } from '../../shared/export/buildCaseObjects';
import { seriesName } from '../../shared/report/formatPeople';
import { buildReportModel } from '../../shared/report/buildReportModel';
import { renderReportPdf } from '../../shared/report/renderReportPdf';
import { loadCase } from '../../electron/services/export/loadCase';
import { liverplanSoftware } from '../../electron/services/export/software';
import { caseFromFiles } from '../caseFromFiles';
import { cliVersion } from './export';
import { CliError, type CliCommand } from './types';

const USAGE =
  'liverplan report --case DIR | --image SERIES_DIR --labels FILE [--plan FILE] --pdf FILE [--indication TEXT] [--prepared-by NAME] [--json]\n' +
  '  --image/--labels: the case the app would hold after opening the series and importing the SEG or NIfTI\n' +
  '  into an empty case; --plan: plan inputs (as for liverplan plan --input, or a case.json).';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Render the PDF planning report of a case (same layout as the app)',
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        case: { type: 'string' },
        image: { type: 'string' },
        labels: { type: 'string' },
        plan: { type: 'string' },
        pdf: { type: 'string' },
        indication: { type: 'string' },
        'prepared-by': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const headless = Boolean(values.image && values.labels);
    if (!values.pdf || Boolean(values.case) === headless) throw new CliError(`usage: ${USAGE}`, 2);
    let m;
    let pdf;
    try {
      const c = values.case
        ? await loadCase(values.case)
        : await caseFromFiles(values.image!, values.labels!, values.plan);
      m = buildReportModel({
        caseDoc: c.caseDoc,
        labels: c.labels,
        volume: c.volume,
        measurements: measureCase(c.caseDoc, c.labels, c.volume),
        software: liverplanSoftware(cliVersion(), 'cli'),
        at: new Date(),
        referenceSeries: seriesName(c.source[0]),
        referenceHeader: c.source[Math.floor(c.source.length / 2)],
        extras: {
          ...(values.indication ? { indication: values.indication } : {}),
          ...(values['prepared-by'] ? { preparedBy: values['prepared-by'] } : {}),
        },
      });
      pdf = await renderReportPdf(m);
      await writeFile(values.pdf, pdf);
    } catch (e) {
      throw e instanceof CliError ? e : new CliError((e as Error).message);
    }
    const json = {
      pdf: values.pdf,
      bytes: pdf.length,
      segments: m.volumetry.length,
      /** The key images chosen by content, by caption (slice and structure). */
      keyImages: m.keyImages.map((k) => k.caption),
      burden: m.burden,
      margins: m.ablation?.margins ?? [],
      outcomes: m.outcomes.map((o) => ({
        ruleId: o.ruleId,
        status: o.status,
        ...(o.lesionId ? { lesionId: o.lesionId } : {}),
      })),
    };
    return {
      json,
      text: `wrote ${values.pdf} (${pdf.length} bytes): ${m.volumetry.length} segments${m.burden ? `, tumour burden ${m.burden.percent.toFixed(1)} % (${m.burden.bin})` : ''}`,
    };
  },
};
