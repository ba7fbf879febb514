import { registerCasePart } from '../case/caseParts';
import { defineSlice } from '../store/rootStore';
import type { QueueJobSummaryDto } from '../../../shared/ipc/channels/export';
import type { SavedTargetView } from '../../../shared/ipc/channels/targets';
import type { ReportModel } from '../../../shared/report/model';
import { MAX_KEY_IMAGES, type KeyImage } from './captureViewports';

export interface ReportInputs {
  indication: string;
  procedure: string;
  preparedBy: string;
  /** Add the outcomes of the Plan workspace (evaluated now) to the report. */
  includePlan: boolean;
}

export interface Deidentify {
  on: boolean;
  patientName: string;
  patientId: string;
}

interface ReportState {
  inputs: ReportInputs;
  keyImages: KeyImage[];
  caseId: string | null;
  model: ReportModel | null;
  /** Size of the previewed model's PDF; the bytes themselves are not kept (Save PDF… renders it again). */
  pdfByteLength: number;
  busy: string | null;
  targets: SavedTargetView[];
  targetId: string;
  deidentify: Deidentify;
  /** Also send the segments as an RTSTRUCT. */
  rtstruct: boolean;
  queue: QueueJobSummaryDto[];
  /** Result of the last "Test connection", per target id. */
  echo: Record<string, string>;
  setInputs(patch: Partial<ReportInputs>): void;
  addKeyImages(images: KeyImage[]): void;
  removeKeyImage(n: number): void;
  setReport(caseId: string, model: ReportModel, pdf: Uint8Array): void;
  setBusy(busy: string | null): void;
  setTargets(targets: SavedTargetView[]): void;
  setTargetId(id: string): void;
  setDeidentify(patch: Partial<Deidentify>): void;
  setRtstruct(on: boolean): void;
  setQueue(queue: QueueJobSummaryDto[]): void;
  upsertJob(job: QueueJobSummaryDto): void;
  setEcho(targetId: string, text: string): void;
}
declare module '../store/rootStore' {
  interface RootState {
    report: ReportState;
  }
}

/** Report & Export UI state; it outlives the tab so captures made in the viewer wait here. */
export const useReportStore = defineSlice('report', (set) => ({
  inputs: { indication: '', procedure: '', preparedBy: '', includePlan: true },
  keyImages: [],
  caseId: null,
  model: null,
  pdfByteLength: 0,
  busy: null,
  targets: [],
  targetId: '',
  deidentify: { on: false, patientName: 'Teaching^Case', patientId: 'TEACH001' },
  rtstruct: false,
  queue: [],
  echo: {},
  setInputs: (patch) => set((s) => ({ inputs: { ...s.inputs, ...patch } })),
  addKeyImages: (images) => set((s) => ({ keyImages: [...s.keyImages, ...images].slice(-MAX_KEY_IMAGES) })),
  removeKeyImage: (n) => set((s) => ({ keyImages: s.keyImages.filter((_, i) => i !== n) })),
  setReport: (caseId, model, pdf) => set({ caseId, model, pdfByteLength: pdf.byteLength }),
  setBusy: (busy) => set({ busy }),
  setTargets: (targets) =>
    set((s) => ({ targets, targetId: targets.some((t) => t.id === s.targetId) ? s.targetId : (targets[0]?.id ?? '') })),
  setTargetId: (targetId) => set({ targetId }),
  setDeidentify: (patch) => set((s) => ({ deidentify: { ...s.deidentify, ...patch } })),
  setRtstruct: (rtstruct) => set({ rtstruct }),
  setQueue: (queue) => set({ queue }),
  upsertJob: (job) =>
    set((s) => ({
      queue: s.queue.some((j) => j.id === job.id) ? s.queue.map((j) => (j.id === job.id ? job : j)) : [...s.queue, job],
    })),
  setEcho: (targetId, text) => set((s) => ({ echo: { ...s.echo, [targetId]: text } })),
}));

// The report preview and key images are the open case's; the report's author stays.
registerCasePart('report', {
  reset: () =>
    useReportStore.setState((s) => ({
      inputs: { ...s.inputs, indication: '', procedure: '' },
      keyImages: [],
      caseId: null,
      model: null,
      pdfByteLength: 0,
    })),
});
