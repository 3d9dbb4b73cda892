/**
 * The Rules view's commands, declared once (viewActions.ts): the header draws its buttons from them, the window's
 * keys run them while the view is shown (shell/viewCommands.ts), and the shortcuts panel lists them. The rule
 * editor's "Add rule" and the preview's "Apply" buttons show the same keys in their tooltips.
 */
import { Download, Play } from 'lucide-react';
import type { RuleKind, RulePreview } from '../../../../shared/api/rules';
import type { Territory } from '../../../../shared/domain';
import { actionById, type ViewAction } from '../../viewActions';
import { exportAssignments } from './exportAssignments';
import { addRuleCard, applyPreview, rulesShown, runRules } from './rulesStore';

export interface RulesContext {
  planId: string;
  kind: RuleKind;
  /** The territory whose rules are shown. */
  territory: Territory | null;
  readOnly: boolean;
  /** A run is under way. */
  running: boolean;
  preview: RulePreview | null;
}

type RulesAction = ViewAction<RulesContext>;

/** A territory below the organisation is shown (the organisation takes every record: it has no rules). */
const hasRules = (c: RulesContext) => c.territory !== null && c.territory.parentId !== null;

/** The header's commands, in its order. */
export const rulesHeaderActions: readonly RulesAction[] = [
  {
    id: 'exportAssignments',
    labelKey: 'rules.export',
    hintKey: 'rules.exportHint',
    icon: Download,
    withText: true,
    enabled: () => true,
    run: () => void exportAssignments(),
  },
  {
    id: 'runTerritory',
    labelKey: 'rules.runTerritory',
    shortcuts: ['Shift+F9'],
    icon: Play,
    withText: true,
    enabled: (c) => !c.running && hasRules(c),
    run: (c) => void runRules(c.planId, { type: 'territory', territoryId: c.territory!.id }),
  },
  {
    id: 'runPlan',
    labelKey: 'rules.runPlan',
    // F9 recalculates, as in a spreadsheet.
    shortcuts: ['F9'],
    icon: Play,
    withText: 'primary',
    enabled: (c) => !c.running,
    run: (c) => void runRules(c.planId, { type: 'plan' }),
  },
];

export const rulesActions: readonly RulesAction[] = [
  {
    id: 'newRule',
    labelKey: 'rules.addRule',
    // As a territory is added in the hierarchy.
    shortcuts: ['Mod+Enter', 'Insert'],
    edits: true,
    keyOnly: true,
    enabled: (c) => !c.readOnly && hasRules(c),
    run: (c) => addRuleCard(rulesShown(c.planId, c.territory!.id, c.kind)),
  },
  ...rulesHeaderActions,
  {
    id: 'applyPreview',
    labelKey: 'rules.apply',
    shortcuts: ['Mod+Shift+Enter'],
    edits: true,
    keyOnly: true,
    enabled: (c) => !c.readOnly && c.preview !== null && !c.preview.stale,
    run: (c) => void applyPreview(c.preview!),
  },
];

export const rulesAction = (id: string): RulesAction => actionById(rulesActions, id);
