/**
 * The Hierarchy view's commands, declared once (viewActions.ts): the toolbar draws its buttons from these lists
 * and the canvas's keyboard handler runs the one a key press stands for. Arrow keys, Home, Space and Escape move
 * the keyboard focus rather than change anything: they stay in hierarchyKeys.ts.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import {
  ArrowDownToLine,
  ArrowRightToLine,
  ChevronsDownUp,
  ChevronsUpDown,
  Copy,
  CornerDownRight,
  FolderInput,
  Maximize,
  Pencil,
  Plus,
  Sparkles,
  Trash2,
  ZoomIn,
  ZoomOut,
} from 'lucide-react';
import type { Territory } from '../../../../shared/domain';
import { motionMs } from '../../components/motion';
import { actionById, keyText, type ViewAction } from '../../viewActions';
import { usePlanStore } from '../../stores/planStore';
import { collapseAll, expandAll, setDirection, startRenaming } from './hierarchyStore';
import type { LayoutDirection } from './layout';
import { openMoveTo } from './MoveToDialog';
import {
  addSibling,
  addTerritory,
  cutSelection,
  deleteTerritory,
  duplicateTerritory,
  pasteUnder,
} from './territoryActions';

/** What the commands act on: the plan, the selected territory, how the tree is drawn. */
export interface HierarchyContext {
  planId: string;
  territories: readonly Territory[];
  /** The selected territory (the last one picked when several are). */
  selected: Territory | undefined;
  root: Territory | undefined;
  readOnly: boolean;
  direction: LayoutDirection;
  flow: Pick<ReactFlowInstance, 'zoomIn' | 'zoomOut' | 'fitView'>;
  /** Opens "Start from data" (the toolbar has it; the keyboard has no shortcut for it). */
  openGenerate?: () => void;
}

export function hierarchyContext(
  state: Omit<HierarchyContext, 'selected' | 'root'> & { selectedId: string | null },
): HierarchyContext {
  const { selectedId, ...rest } = state;
  return {
    ...rest,
    selected: state.territories.find((t) => t.id === selectedId),
    root: state.territories.find((t) => t.parentId === null),
  };
}

type HierarchyAction = ViewAction<HierarchyContext>;

const canEdit = (c: HierarchyContext) => !c.readOnly;
/** A territory other than the organisation is selected, in a draft plan. */
const canEditBranch = (c: HierarchyContext) => !c.readOnly && c.selected !== undefined && c.selected.parentId !== null;

/** Commands that change the tree: only in a draft plan. */
export const editActions: readonly HierarchyAction[] = [
  {
    id: 'addChild',
    labelKey: 'hierarchy.addChild',
    shortcuts: ['Mod+Enter', 'Insert'],
    icon: Plus,
    withText: 'primary',
    edits: true,
    enabled: (c) => canEdit(c) && (c.selected ?? c.root) !== undefined,
    run: (c) => void addTerritory((c.selected ?? c.root)!.id),
  },
  {
    id: 'addSibling',
    labelKey: 'hierarchy.addSibling',
    shortcuts: ['Shift+Enter'],
    icon: CornerDownRight,
    edits: true,
    enabled: canEditBranch,
    run: (c) => void addSibling(c.selected!),
  },
  {
    id: 'rename',
    labelKey: 'hierarchy.rename',
    shortcuts: ['F2'],
    icon: Pencil,
    edits: true,
    enabled: (c) => canEdit(c) && c.selected !== undefined,
    run: (c) => startRenaming(c.selected!.id),
  },
  {
    id: 'duplicate',
    labelKey: 'hierarchy.duplicate',
    shortcuts: ['Mod+D'],
    icon: Copy,
    edits: true,
    enabled: canEditBranch,
    run: (c) => void duplicateTerritory(c.selected!),
  },
  {
    id: 'moveTo',
    labelKey: 'a11y.moveTo.open',
    shortcuts: ['Mod+Shift+M'],
    icon: FolderInput,
    edits: true,
    enabled: canEditBranch,
    run: () => openMoveTo(usePlanStore.getState().selection),
  },
  {
    id: 'delete',
    labelKey: 'hierarchy.delete',
    shortcuts: ['Delete', 'Backspace'],
    icon: Trash2,
    edits: true,
    enabled: canEditBranch,
    run: (c) => void deleteTerritory(c.selected!),
  },
  {
    id: 'cut',
    labelKey: 'actions.cutTerritories',
    shortcuts: ['Mod+X'],
    edits: true,
    keyOnly: true,
    enabled: (c) => canEdit(c) && c.selected !== undefined,
    run: () => cutSelection(keyText(hierarchyAction('paste'))),
  },
  {
    id: 'paste',
    labelKey: 'actions.pasteTerritories',
    shortcuts: ['Mod+V'],
    edits: true,
    keyOnly: true,
    enabled: (c) => canEdit(c) && c.selected !== undefined,
    run: (c) => void pasteUnder(c.selected!.id),
  },
];

/** Commands that change how the tree is shown: in any plan. */
export const displayActions: readonly HierarchyAction[] = [
  {
    id: 'expandAll',
    labelKey: 'hierarchy.expandAll',
    icon: ChevronsUpDown,
    enabled: () => true,
    run: (c) => expandAll(c.planId),
  },
  {
    id: 'collapseAll',
    labelKey: 'hierarchy.collapseAll',
    icon: ChevronsDownUp,
    enabled: () => true,
    run: (c) => collapseAll(c.planId, c.territories),
  },
  {
    id: 'zoomIn',
    labelKey: 'hierarchy.zoomIn',
    icon: ZoomIn,
    enabled: () => true,
    run: (c) => void c.flow.zoomIn({ duration: motionMs(150) }),
  },
  {
    id: 'zoomOut',
    labelKey: 'hierarchy.zoomOut',
    icon: ZoomOut,
    enabled: () => true,
    run: (c) => void c.flow.zoomOut({ duration: motionMs(150) }),
  },
  {
    id: 'fitView',
    labelKey: 'hierarchy.fitView',
    icon: Maximize,
    enabled: () => true,
    run: (c) => void c.flow.fitView({ padding: 0.08, maxZoom: 1, duration: motionMs(200) }),
  },
  {
    id: 'layoutDirection',
    labelKey: (c) => (c.direction === 'TB' ? 'hierarchy.layoutLeftRight' : 'hierarchy.layoutTopDown'),
    iconOf: (c) => (c.direction === 'TB' ? ArrowRightToLine : ArrowDownToLine),
    enabled: () => true,
    run: (c) => setDirection(c.direction === 'TB' ? 'LR' : 'TB'),
  },
];

/** "Start from data": territories made from the accounts' fields. */
export const dataActions: readonly HierarchyAction[] = [
  {
    id: 'generate',
    labelKey: 'generate.open',
    hintKey: 'generate.explain',
    icon: Sparkles,
    withText: true,
    edits: true,
    enabled: (c) => canEdit(c) && c.openGenerate !== undefined,
    run: (c) => c.openGenerate?.(),
  },
];

export const hierarchyActions: readonly HierarchyAction[] = [...editActions, ...displayActions, ...dataActions];

export const hierarchyAction = (id: string): HierarchyAction => actionById(hierarchyActions, id);
