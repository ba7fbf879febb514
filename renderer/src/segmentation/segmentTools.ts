import { Enums as CoreEnums } from '@cornerstonejs/core';
import {
  addTool,
  BrushTool,
  CircleScissorsTool,
  CrosshairsTool,
  Enums as ToolEnums,
  PaintFillTool,
  RectangleScissorsTool,
  SphereScissorsTool,
  ToolGroupManager,
  utilities,
  WindowLevelTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { EditTool } from '../store/caseStore';
import { ENGINE_ID, engine } from '../viewer/viewerEngine';
import { fillOutlineIntoActive } from './editActions';
import { FreehandFillTool, onFreehandOutline } from './freehandFillTool';

type CsTool = Exclude<EditTool, 'none' | 'region-grow' | 'liver-seed' | 'lesion-click'>;

/** Our clicks (region grow, liver seed, lesion click) are handled by the workspace, not Cornerstone. */
export const CLICK_TOOLS: ReadonlySet<EditTool> = new Set(['region-grow', 'liver-seed', 'lesion-click']);

/** Cornerstone tool instance per edit tool: brushes are BrushTool instances with a strategy. */
const INSTANCES: Record<CsTool, { name: string; parent: string; strategy?: string }> = {
  brush: { name: 'LpBrush', parent: BrushTool.toolName, strategy: 'FILL_INSIDE_CIRCLE' },
  'sphere-brush': { name: 'LpSphereBrush', parent: BrushTool.toolName, strategy: 'FILL_INSIDE_SPHERE' },
  eraser: { name: 'LpEraser', parent: BrushTool.toolName, strategy: 'ERASE_INSIDE_CIRCLE' },
  'sphere-eraser': { name: 'LpSphereEraser', parent: BrushTool.toolName, strategy: 'ERASE_INSIDE_SPHERE' },
  'threshold-brush': { name: 'LpThresholdBrush', parent: BrushTool.toolName, strategy: 'THRESHOLD_INSIDE_CIRCLE' },
  'circle-scissors': { name: CircleScissorsTool.toolName, parent: CircleScissorsTool.toolName },
  'rect-scissors': { name: RectangleScissorsTool.toolName, parent: RectangleScissorsTool.toolName },
  'sphere-scissors': { name: SphereScissorsTool.toolName, parent: SphereScissorsTool.toolName },
  fill: { name: PaintFillTool.toolName, parent: PaintFillTool.toolName },
  freehand: { name: FreehandFillTool.toolName, parent: FreehandFillTool.toolName },
};

let registered = false;
function registerOnce(): void {
  if (registered) return;
  for (const t of [BrushTool, CircleScissorsTool, RectangleScissorsTool, SphereScissorsTool, PaintFillTool]) addTool(t);
  addTool(FreehandFillTool);
  onFreehandOutline((outline, normal) => fillOutlineIntoActive(outline, normal));
  registered = true;
}

/** The tool group of the viewer's orthographic viewports (the viewer rebuilds it on layout changes). */
function orthoGroup(): ToolTypes.IToolGroup | undefined {
  const vp = engine()
    .getViewports()
    .find((v) => v.type === CoreEnums.ViewportType.ORTHOGRAPHIC);
  return vp ? ToolGroupManager.getToolGroupForViewport(vp.id, ENGINE_ID) : undefined;
}

export interface ToolSettings {
  tool: EditTool;
  brushRadiusMm: number;
  thresholdHu: [number, number];
}

let applied: { group: ToolTypes.IToolGroup; key: string } | null = null;

/**
 * Puts the chosen edit tool on the left button of the viewer's tool group
 * (window/level goes back there with 'none'); middle/right/wheel keep pan,
 * zoom and scroll. Cheap to call repeatedly: it only acts on a change of
 * settings or of tool group.
 */
export function applyEditTool(s: ToolSettings): void {
  registerOnce();
  const group = orthoGroup();
  if (!group) return;
  const key = JSON.stringify(s);
  if (applied && applied.group === group && applied.key === key && group.hasTool(INSTANCES.brush.name)) return;
  for (const { name, parent, strategy } of Object.values(INSTANCES)) {
    if (group.hasTool(name)) continue;
    if (name === parent) group.addTool(name);
    else group.addToolInstance(name, parent, { activeStrategy: strategy });
  }
  const primary = { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] };
  const mine = s.tool in INSTANCES ? INSTANCES[s.tool as CsTool].name : null;
  for (const { name } of Object.values(INSTANCES)) if (name !== mine) group.setToolDisabled(name);
  if (s.tool === 'none') {
    group.setToolActive(WindowLevelTool.toolName, primary);
  } else {
    group.setToolPassive(WindowLevelTool.toolName);
    if (group.getToolInstance(CrosshairsTool.toolName)?.mode === ToolEnums.ToolModes.Active)
      group.setToolDisabled(CrosshairsTool.toolName);
    if (mine) group.setToolActive(mine, primary);
  }
  const id = group.id;
  utilities.segmentation.setBrushSizeForToolGroup(id, s.brushRadiusMm);
  utilities.segmentation.setBrushThresholdForToolGroup(id, {
    range: s.thresholdHu,
    isDynamic: false,
    dynamicRadius: 0,
  });
  applied = { group, key };
}

/** Gives the left button back to window/level (leaving the Segment workspace). */
export function releaseEditTool(): void {
  applyEditTool({ tool: 'none', brushRadiusMm: 5, thresholdHu: [0, 0] });
  applied = null;
}
