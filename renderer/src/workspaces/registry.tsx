import type { ComponentType } from 'react';
import type { WorkspaceId } from '../store/appStore';
import { AblationWorkspace } from './AblationWorkspace';
import { ConfirmWorkspace } from './ConfirmWorkspace';
import { PlanWorkspace } from './PlanWorkspace';
import { PracticeWorkspace } from './PracticeWorkspace';
import { ReportWorkspace } from './ReportWorkspace';
import { SegmentWorkspace } from './SegmentWorkspace';
import { SelfTestWorkspace } from './SelfTestWorkspace';
import { StartWorkspace } from './StartWorkspace';
import { ViewerWorkspace } from './ViewerWorkspace';

export interface WorkspaceDef {
  id: WorkspaceId;
  label: string;
  /** Shown as a top-bar tab (others are reached from menus or buttons). */
  tab: boolean;
  component: ComponentType;
}

/** Every workspace of the app; each lives in its own file under workspaces/. */
export const workspaces: WorkspaceDef[] = [
  { id: 'start', label: 'Start', tab: true, component: StartWorkspace },
  { id: 'view', label: 'View', tab: true, component: ViewerWorkspace },
  { id: 'segment', label: 'Segment', tab: true, component: SegmentWorkspace },
  { id: 'plan', label: 'Plan', tab: true, component: PlanWorkspace },
  { id: 'ablation', label: 'Ablation', tab: true, component: AblationWorkspace },
  { id: 'confirm', label: 'Confirm', tab: true, component: ConfirmWorkspace },
  { id: 'report', label: 'Report', tab: true, component: ReportWorkspace },
  { id: 'practice', label: 'Practice', tab: true, component: PracticeWorkspace },
  { id: 'selftest', label: 'Display self-test', tab: false, component: SelfTestWorkspace },
];
