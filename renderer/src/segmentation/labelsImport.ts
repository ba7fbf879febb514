import { mergeImport, planImport } from '../../../shared/case/importSegments';
import type { LabelsImportResult } from '../../../shared/ipc/channels/labels';
import { sameGrid } from '../../../shared/volume/grid';
import { decodeNiftiLabelmap } from '../../../shared/volume/nifti';
import { api } from '../api';
import { reportError, useAppStore } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { currentSession, referenceIds, sessionGrid } from './caseSession';
import { pushUndoable } from './labelmapSession';

/** One import at a time (the host parses in its main thread; a second click would only queue). */
let importing = false;

const FILTERS = [
  { name: 'DICOM SEG or NIfTI', extensions: ['dcm', 'nii', 'nii.gz', 'gz'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * Import SEG / NIfTI…: the user picks a file (or the study browser names one),
 * the host places it on the reference grid, and its segments join the case as
 * new segments (imported voxels replace unlocked ones) in ONE undo step.
 * Refusals change nothing.
 */
export async function importLabels(givenPath?: string): Promise<void> {
  if (importing) return;
  const { setNote } = useCaseStore.getState();
  try {
    const session = currentSession();
    const grid = sessionGrid();
    if (!session || !grid) throw new Error('The reference phase is still loading; wait until it is on screen.');
    const path =
      givenPath ??
      (await api().invoke('dialog:pickFile', {
        title: 'Import a segmentation (DICOM SEG or NIfTI labelmap)',
        filters: FILTERS,
      }));
    if (!path) return;
    importing = true;
    setNote('Importing segmentation…');
    const { frameOfReferenceUid } = referenceIds();
    const r = await api().invoke('labels:import', {
      path,
      referenceGrid: grid,
      ...(frameOfReferenceUid ? { frameOfReferenceUid } : {}),
    });
    if (currentSession() !== session) throw new Error('The study changed while importing; nothing was imported.');
    const lm = decodeNiftiLabelmap(r.labels);
    if (!sameGrid(lm.grid, grid) || !(lm.data instanceof Uint8Array))
      throw new Error('The host answered on another grid; nothing was imported.');

    // Planned against the case as it is now (edits may have happened while the host worked).
    const store = useCaseStore.getState();
    const { added, labelOf } = planImport(store.segments, r.segments);
    const locked = new Set(store.segments.filter((s) => s.locked).map((s) => s.label));
    const voxelsBefore = session.readVoxels();
    const merged = mergeImport(voxelsBefore, lm.data, labelOf, locked);
    const listBefore = store.segments;
    const listAfter = [...listBefore, ...added];
    const activeBefore = store.activeLabel;
    const apply = (undo: boolean) => {
      const c = useCaseStore.getState();
      c.restoreSegments(undo ? listBefore : listAfter);
      c.setActive(undo ? activeBefore : added[0]!.label);
      session.write(undo ? voxelsBefore : merged.voxels);
    };
    apply(false);
    // One memo restores list and voxels together, so Ctrl+Z takes the whole import back.
    pushUndoable(`import-${Date.now()}`, apply);
    useAppStore.getState().notify('success', importSummary(r, merged));
  } catch (e) {
    reportError('Import SEG / NIfTI', e);
  } finally {
    if (importing) setNote('');
    importing = false;
  }
}

function importSummary(r: LabelsImportResult, merged: { replaced: number; keptLocked: number }): string {
  const kind = { seg: 'DICOM SEG', rtstruct: 'RTSTRUCT', nifti: 'NIfTI' }[r.format];
  const parts = [
    `Imported ${r.segments.length} segment${r.segments.length === 1 ? '' : 's'} from ${r.fileName} (${kind}): ${r.segments.map((s) => s.name).join(', ')}.`,
  ];
  if (r.overlapVoxels) {
    const lost = r.segments.filter((s) => s.lostVoxels > 0).map((s) => `${s.name} ${s.lostVoxels}`);
    parts.push(
      `${r.overlapVoxels} voxels belonged to more than one segment; each voxel holds one segment here, so the later segment in the file kept them (voxels given up: ${lost.join(', ')}).`,
    );
  }
  if (r.outside.length) parts.push(`Left out, no voxel inside the image: ${r.outside.join(', ')}.`);
  if (merged.replaced) parts.push(`${merged.replaced} voxels of existing segments were replaced.`);
  if (merged.keptLocked) parts.push(`${merged.keptLocked} voxels of locked segments were kept.`);
  parts.push(...r.notes, 'Ctrl+Z undoes the import.');
  return parts.join(' ');
}
