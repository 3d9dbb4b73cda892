/** One territory in the hierarchy graph: its name, code, colour, manager, people and, once rules ran, accounts. */
import { useStore, type Node, type NodeProps } from '@xyflow/react';
import i18next from 'i18next';
import { Building, ChevronDown, ChevronRight, Crown, Plus, Users } from 'lucide-react';
import { memo, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Territory } from '../../../../shared/domain';
import { levelLabelText } from '../../modelWords';
import type { TerritoryStats } from '../../stores/planStore';
import { tooltipOf } from '../../viewActions';
import { formatCompactMoney, formatCount } from './format';
import { editActions } from './hierarchyActions';
import { startRenaming, useHierarchyUi } from './hierarchyStore';
import { addTerritory, renameTerritory, toggleTerritory } from './territoryActions';
import { TerritoryWarningMark } from './TerritoryWarnings';

export interface TerritoryNodeData extends Record<string, unknown> {
  territory: Territory;
  manager: string | null;
  members: number;
  stats: TerritoryStats | null;
  childCount: number;
  hiddenCount: number;
  collapsed: boolean;
  currency: string;
  readOnly: boolean;
  /** The UI language: part of the data so that nodes redraw when it changes (they use i18next.t directly). */
  language: string;
}

export type TerritoryFlowNode = Node<TerritoryNodeData, 'territory'>;

/**
 * How much a node shows at the current zoom: below 0.45 the details are unreadable, so name and colour only;
 * below 0.18 the name too, so a coloured box. Fewer elements also draw 2,000 nodes much faster.
 */
type Detail = 'full' | 'name' | 'box';
const detailOf = (s: { transform: [number, number, number] }): Detail =>
  s.transform[2] < 0.18 ? 'box' : s.transform[2] < 0.45 ? 'name' : 'full';
// One translation function for all nodes: a useTranslation hook in each of 2,000 nodes costs more than drawing them.
const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, options);

/**
 * The words every node shows, translated once per language rather than by each node on each render (i18next
 * lookups were a tenth of the time to draw a plan). Names and counts are filled into the cached templates.
 */
const NAME = '\u0001';
const COUNT = '\u0002';
function labelsFor(language: string) {
  let labels = labelCache.get(language);
  if (!labels) {
    const fill =
      (template: string) =>
      (name: string, count = 0) =>
        template.replace(NAME, name).replace(COUNT, String(count));
    labels = {
      manager: t('hierarchy.manager'),
      noManager: t('hierarchy.noManager'),
      revenue: t('hierarchy.revenue'),
      addChild: fill(`${t('hierarchy.addChild')}: ${NAME}`),
      addChildHint: tooltipOf(t('hierarchy.addChild'), editActions.find((a) => a.id === 'addChild')?.shortcuts),
      expand: fill(t('hierarchy.expandNamed', { name: NAME, count: COUNT })),
      collapse: fill(t('hierarchy.collapseNamed', { name: NAME })),
    };
    labelCache.set(language, labels);
  }
  return labels;
}
const labelCache = new Map<
  string,
  {
    manager: string;
    noManager: string;
    revenue: string;
    addChild: (name: string) => string;
    addChildHint: string;
    expand: (name: string, count: number) => string;
    collapse: (name: string) => string;
  }
>();

function RenameField({ territory }: { territory: Territory }) {
  const [value, setValue] = useState(territory.name);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const finish = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    startRenaming(null);
    const name = value.trim();
    if (save && name && name !== territory.name) void renameTerritory(territory, name);
    // Back to the node, so the keyboard keeps working where the planner was.
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(territory.id)}"]`)?.focus();
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation();
    if (event.key === 'Enter') finish(true);
    if (event.key === 'Escape') finish(false);
  };
  return (
    <input
      ref={input}
      className="tn-rename nodrag nopan"
      aria-label={t('hierarchy.renameIn', { name: territory.name })}
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => finish(true)}
    />
  );
}

function TerritoryNodeView({ id, data, selected }: NodeProps<TerritoryFlowNode>) {
  const { territory, language } = data;
  const words = labelsFor(language);
  const drop = useHierarchyUi((s) => (s.drop?.targetId === id ? s.drop : null));
  const userDrop = useHierarchyUi((s) => s.userDropTargetId === id);
  const editing = useHierarchyUi((s) => s.editingId === id);
  const isCut = useHierarchyUi((s) => s.cut.includes(id));
  const seen = useHierarchyUi((s) => (s.seen === null ? null : s.seen.has(id)));
  const detail = useStore(detailOf);
  const simple = detail !== 'full';

  const classes = ['territory-node'];
  if (selected) classes.push('selected');
  if (drop) classes.push(drop.refused ? 'drop-refused' : `drop-${drop.zone}`);
  if (userDrop) classes.push('drop-user');
  if (isCut) classes.push('cut');
  if (seen === true) classes.push('seen');
  if (seen === false) classes.push('unseen');
  if (simple) classes.push('simple');
  if (detail === 'box') classes.push('box');

  const dropLabel = drop
    ? drop.refused
      ? t('hierarchy.dropRefused')
      : t(`hierarchy.drop.${drop.zone}`, { name: territory.name })
    : userDrop
      ? t('people.dropHere', { territory: territory.name })
      : null;

  const toggleMark = data.collapsed ? (
    <>
      <ChevronRight size={12} aria-hidden="true" />+{formatCount(data.hiddenCount, language)}
    </>
  ) : (
    <ChevronDown size={12} aria-hidden="true" />
  );
  const onToggle = (e: MouseEvent) => {
    e.stopPropagation();
    toggleTerritory(territory.id);
  };
  // A named button while the node shows its details. Zoomed out to names only, a 24 px button would cover the
  // name, so the fold mark stays a pointer shortcut: the treeitem carries aria-expanded, Space and the arrows fold
  // and unfold it from the keyboard, and the node itself is the large target that selects it.
  const toggle =
    data.childCount > 0 ? (
      simple ? (
        <span className={`tn-toggle nodrag${data.collapsed ? ' collapsed' : ''}`} aria-hidden="true" onClick={onToggle}>
          {toggleMark}
        </span>
      ) : (
        <button
          type="button"
          className={`tn-toggle nodrag${data.collapsed ? ' collapsed' : ''}`}
          aria-label={data.collapsed ? words.expand(territory.name, data.hiddenCount) : words.collapse(territory.name)}
          aria-expanded={!data.collapsed}
          onClick={onToggle}
        >
          {toggleMark}
        </button>
      )
    ) : null;

  return (
    <>
      {dropLabel && (
        <div className={`tn-drop-badge${drop?.refused ? ' refused' : ''}`} aria-hidden="true">
          {dropLabel}
        </div>
      )}
      <div className={classes.join(' ')} style={{ ['--territory-color' as string]: territory.color }}>
        {detail === 'box' ? null : (
          <div className="tn-head">
            <span className="tn-swatch" aria-hidden="true" />
            {editing ? (
              <RenameField territory={territory} />
            ) : (
              <span
                className="tn-name"
                title={territory.name}
                onDoubleClick={() => !data.readOnly && startRenaming(id)}
              >
                {territory.name}
              </span>
            )}
            {territory.code && !simple && <span className="code">{territory.code}</span>}
          </div>
        )}
        {!simple && (
          <>
            <div className="tn-line">
              {territory.typeLabel && <span className="tn-type">{levelLabelText(territory.typeLabel)}</span>}
              <span className="tn-manager" title={words.manager}>
                <Crown size={12} aria-hidden="true" />
                <span className={data.manager ? 'tn-manager-name' : 'tn-manager-name muted'}>
                  {data.manager ?? words.noManager}
                </span>
              </span>
            </div>
            <div className="tn-figures">
              <span>
                <Users size={12} aria-hidden="true" /> {formatCount(data.members, language)}
              </span>
              {data.stats && (
                <span>
                  <Building size={12} aria-hidden="true" /> {formatCount(data.stats.accounts, language)}
                </span>
              )}
              {data.stats && (
                <span className="tn-revenue" title={words.revenue}>
                  {formatCompactMoney(data.stats.revenue, data.currency, language)}
                </span>
              )}
              <span className="grow" />
              {!data.readOnly && (
                <button
                  type="button"
                  className="tn-add nodrag"
                  aria-label={words.addChild(territory.name)}
                  title={words.addChildHint}
                  onClick={(e) => {
                    e.stopPropagation();
                    void addTerritory(territory.id);
                  }}
                >
                  <Plus size={13} />
                </button>
              )}
              {toggle}
            </div>
          </>
        )}
        {detail === 'name' && toggle}
        <TerritoryWarningMark territory={territory} compact={simple} language={language} />
      </div>
    </>
  );
}

export const TerritoryNode = memo(TerritoryNodeView);
