/**
 * The Map view's commands, declared once (viewActions.ts): the toolbar's mode buttons show their keys and
 * follow their enabled state, the window's keys run them while the view is shown (shell/viewCommands.ts), and
 * the shortcuts panel lists them. Escape (back to moving the map) stays the map's own key.
 */
import { actionById, runGiven, type ViewAction } from '../../viewActions';

export type MapMode = 'pan' | 'pick' | 'lasso' | 'draw' | 'edit';
export const mapModes: readonly MapMode[] = ['pan', 'pick', 'lasso', 'draw', 'edit'];
/** Modes that change the plan: off on a final or archived plan. */
export const editingModes: ReadonlySet<MapMode> = new Set(['draw', 'edit']);

export interface MapContext {
  readOnly: boolean;
  /** The map is drawn (not the empty state of a plan without accounts): its modes mean something. */
  shown: boolean;
  setMode: (mode: MapMode) => void;
  /** Frames the plan's accounts; undefined until they and the map are there. */
  fit: (() => void) | undefined;
  /** Saves the map as a PNG; undefined until the map has drawn. */
  exportPng: (() => void) | undefined;
}

type MapAction = ViewAction<MapContext>;

/** Each mode's key: H for the hand, V to pick (as in drawing apps), L lasso, D draw, G edit the geometry. */
const modeKeys: Record<MapMode, string> = {
  pan: 'Mod+Shift+H',
  pick: 'Mod+Shift+V',
  lasso: 'Mod+Shift+L',
  draw: 'Mod+Shift+D',
  edit: 'Mod+Shift+G',
};

export const mapActions: readonly MapAction[] = [
  ...mapModes.map((mode): MapAction => ({
    id: `mode:${mode}`,
    labelKey: `mapEdit.modes.${mode}`,
    shortcuts: [modeKeys[mode]],
    keyOnly: true,
    edits: editingModes.has(mode),
    enabled: (c) => c.shown && !(c.readOnly && editingModes.has(mode)),
    run: (c) => c.setMode(mode),
  })),
  {
    id: 'fitAccounts',
    labelKey: 'actions.fitAccounts',
    shortcuts: ['Mod+Shift+F'],
    keyOnly: true,
    ...runGiven((c: MapContext) => c.fit),
  },
  {
    id: 'exportPng',
    labelKey: 'mapEdit.exportPng',
    shortcuts: ['Mod+Shift+E'],
    keyOnly: true,
    ...runGiven((c: MapContext) => c.exportPng),
  },
];

export const mapAction = (id: string): MapAction => actionById(mapActions, id);
