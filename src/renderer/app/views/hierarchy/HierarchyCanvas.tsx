/**
 * The hierarchy as a React Flow graph: a tidy tree of territory nodes. Drag a node (or several selected ones)
 * onto another to move them under it, or onto a node's left or right edge to place them beside it; drag a sales
 * person from the people panel onto a node to add them. The keyboard runs the Hierarchy's commands
 * (hierarchyActions.ts, through hierarchyKeys.ts). What is drawn is derived in hierarchyNodes.ts; fitting the
 * drawing, focusing a territory and the drags are hooks (useFitOnReshape.ts, canvasHooks.ts).
 */
import {
  Background,
  BackgroundVariant,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Edge,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { childrenByParent } from '../../../../shared/hierarchy';
import { currentPlan, selectTerritories, usePlanStore } from '../../stores/planStore';
import { useFocusRequest, usePersonDrop, useTerritoryDrag, useTreeRoles } from './canvasHooks';
import { formatCount } from './format';
import { NodeCache, peopleOf, territoryNodes } from './hierarchyNodes';
import { collapsedOf, goToTerritory, startRenaming, useHierarchyUi } from './hierarchyStore';
import { useHierarchyKeys } from './hierarchyKeys';
import { useHierarchyContext } from './HierarchyToolbar';
import { layoutTree } from './layout';
import { LinksLayer } from './LinksLayer';
import { OverviewLayer, OVERVIEW_ZOOM } from './OverviewLayer';
import { TerritoryNode, type TerritoryFlowNode } from './TerritoryNode';
import { useFitOnReshape } from './useFitOnReshape';

const nodeTypes = { territory: TerritoryNode };
/** Beyond this many drawn territories, only those in view are rendered. */
const CULL_FROM = 300;
const MIN_ZOOM = 0.01;
/** Links are drawn by LinksLayer, not as React Flow edges. */
const noEdges: Edge[] = [];

export function HierarchyCanvas() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const planId = usePlanStore((s) => s.planId)!;
  const territories = usePlanStore((s) => s.territories);
  const memberships = usePlanStore((s) => s.memberships);
  const users = usePlanStore((s) => s.users);
  const stats = usePlanStore((s) => s.territoryStats);
  const selection = usePlanStore((s) => s.selection);
  const plan = usePlanStore(currentPlan);
  const readOnly = plan?.status !== 'draft';
  const currency = plan?.currency ?? 'EUR';
  const direction = useHierarchyUi((s) => s.direction);
  // Subscribed so that folding redraws; collapsedOf decides (and may pick the default for a large plan).
  const folding = useHierarchyUi((s) => s.collapsedByPlan[planId]);
  const fitRequest = useHierarchyUi((s) => s.fitRequest);
  const seen = useHierarchyUi((s) => s.seen);
  const flow = useReactFlow<TerritoryFlowNode, Edge>();
  const zoomedOut = useStore((s) => s.transform[2] < OVERVIEW_ZOOM);
  const flowStore = useStoreApi<TerritoryFlowNode, Edge>();
  const container = useRef<HTMLDivElement>(null);

  const collapsed = useMemo(() => collapsedOf(planId, territories, folding), [planId, territories, folding]);
  const byId = useMemo(() => new Map(territories.map((x) => [x.id, x])), [territories]);
  const children = useMemo(() => childrenByParent(territories), [territories]);
  const layout = useMemo(() => layoutTree(territories, collapsed, direction), [territories, collapsed, direction]);
  const placedById = useMemo(() => new Map(layout.placed.map((p) => [p.id, p])), [layout]);
  const people = useMemo(() => peopleOf(memberships, users), [memberships, users]);

  useTreeRoles(container);
  useFocusRequest(placedById, flow);
  const pendingFit = useFitOnReshape({
    container,
    layout,
    fitKey: `${planId}:${direction}`,
    fitRequest,
    flow,
    minZoom: MIN_ZOOM,
  });
  const overview = pendingFit ? pendingFit.zoom < OVERVIEW_ZOOM : zoomedOut;

  // Node objects survive renders when nothing about them changed: 2,000 nodes must not all redraw on a rename.
  const [nodeCache] = useState(() => new NodeCache());
  const nodes = useMemo(() => {
    const input = { layout, byId, stats, people, collapsed, selection, currency, readOnly, language };
    const drawn = territoryNodes(input, nodeCache.previous());
    nodeCache.keep(drawn.byId);
    return drawn.nodes;
  }, [nodeCache, layout, byId, stats, people, collapsed, currency, readOnly, selection, language]);

  // Drop badges stay readable and fold buttons stay 24 px or more on screen when zoomed out: the canvas carries the
  // inverse zoom as a CSS variable, set when a drag starts and when a pan or zoom ends (not on every frame of it,
  // which would restyle every node each frame).
  const unzoomBadges = useCallback(() => {
    const value = String(Math.max(1, 1 / flowStore.getState().transform[2]));
    if (container.current && container.current.style.getPropertyValue('--tp-unzoom') !== value) {
      container.current.style.setProperty('--tp-unzoom', value);
    }
  }, [flowStore]);

  const drag = useTerritoryDrag({ layout, byId, territories, direction, flow, onDragStart: unzoomBadges });
  const personDrop = usePersonDrop({ readOnly, byId, users, memberships, onDragOver: unzoomBadges });
  const { dragPositions, onPositions } = drag;
  const shownNodes = useMemo(
    () =>
      overview
        ? []
        : dragPositions
          ? nodes.map((n) =>
              dragPositions.has(n.id) ? { ...n, position: dragPositions.get(n.id)!, className: 'dragging' } : n,
            )
          : nodes,
    [nodes, dragPositions, overview],
  );

  // React Flow reports drags as position changes and clicks as select changes; the selection is the plan store's.
  const onNodesChange = useCallback(
    (changes: NodeChange<TerritoryFlowNode>[]) => {
      let positions: Map<string, XYPosition> | null = null;
      let picked: string[] | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position && change.dragging) {
          positions ??= new Map();
          positions.set(change.id, change.position);
        } else if (change.type === 'select') {
          picked ??= [...usePlanStore.getState().selection];
          picked = picked.filter((id) => id !== change.id);
          if (change.selected) picked.push(change.id);
        }
      }
      if (positions) onPositions(positions);
      if (picked) selectTerritories(picked);
    },
    [onPositions],
  );

  const onKeyDown = useHierarchyKeys({ children, byId, collapsed, placedById, context: useHierarchyContext() });

  return (
    <div
      ref={container}
      className="hierarchy-canvas"
      role="tree"
      // Focusable itself while no territory can be the tab stop (the overview, or a plan large enough to draw only
      // what is in view), so the keyboard can still start from the tree (Home, arrows).
      tabIndex={overview || layout.placed.length > CULL_FROM ? 0 : -1}
      aria-label={t('hierarchy.title')}
      aria-multiselectable="true"
      onKeyDown={onKeyDown}
      onDragOver={personDrop.onDragOver}
      onDragLeave={personDrop.onDragLeave}
      onDrop={personDrop.onDrop}
    >
      <ReactFlow<TerritoryFlowNode, Edge>
        nodes={shownNodes}
        edges={noEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={drag.onNodeDragStart}
        onInit={unzoomBadges}
        onMoveEnd={unzoomBadges}
        onNodeDrag={drag.onNodeDrag}
        onNodeDragStop={drag.onNodeDragStop}
        onNodeDoubleClick={(_e, node) => !readOnly && startRenaming(node.id)}
        onPaneClick={() => selectTerritories([])}
        nodesConnectable={false}
        nodesDraggable={!readOnly}
        edgesFocusable={false}
        elementsSelectable
        deleteKeyCode={null}
        disableKeyboardA11y
        nodeDragThreshold={4}
        onlyRenderVisibleElements={layout.placed.length > CULL_FROM}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1, minZoom: MIN_ZOOM }}
        proOptions={{ hideAttribution: false }}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1} />
        {!overview && <LinksLayer edges={layout.edges} />}
        {overview && (
          <OverviewLayer
            layout={layout}
            territories={byId}
            selection={selection}
            seen={seen}
            label={t('hierarchy.overview', {
              count: layout.placed.length,
              formatted: formatCount(layout.placed.length, language),
            })}
            onPick={(id) => goToTerritory(planId, territories, id, true)}
          />
        )}
        {/* The overview is its own map: a minimap of it would show nothing more. */}
        {!overview && (
          <MiniMap
            pannable
            zoomable
            ariaLabel={t('hierarchy.minimap')}
            nodeColor={(node) => (node as TerritoryFlowNode).data.territory.color}
            nodeStrokeWidth={0}
          />
        )}
      </ReactFlow>
    </div>
  );
}
