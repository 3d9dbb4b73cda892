/**
 * The hierarchy as a React Flow graph: a tidy tree of territory nodes. Drag a node (or several selected ones)
 * onto another to move them under it, or onto a node's left or right edge to place them beside it; drag a sales
 * person from the people panel onto a node to add them. Keyboard: arrows move between territories, Ctrl+Shift+M moves the
 * picked ones under another (MoveToDialog), Ctrl+X / Ctrl+V cut and paste them.
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
  type OnNodeDrag,
  type XYPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Territory } from '../../../../shared/domain';
import { childrenByParent, isWithin } from '../../../../shared/hierarchy';
import { currentPlan, selectTerritories, usePlanStore, type TerritoryStats } from '../../stores/planStore';
import { notify } from '../../stores/uiStore';
import {
  collapsedOf,
  goToTerritory,
  setDrop,
  setUserDropTarget,
  startRenaming,
  useHierarchyUi,
  type DropZone,
  USER_DRAG_TYPE,
} from './hierarchyStore';
import { useHierarchyKeys } from './hierarchyKeys';
import { useHierarchyContext } from './HierarchyToolbar';
import { formatCount } from './format';
import { OverviewLayer, OVERVIEW_ZOOM } from './OverviewLayer';
import { LinksLayer } from './LinksLayer';
import { motionMs } from '../../components/motion';
import { fitLayout, layoutTree, NODE_HEIGHT, NODE_WIDTH, type PlacedTerritory } from './layout';
import { TerritoryNode, type TerritoryFlowNode, type TerritoryNodeData } from './TerritoryNode';
import { assignUser, moveRefusal, moveTerritoriesUnder, siblingPlace } from './territoryActions';

const nodeTypes = { territory: TerritoryNode };
/** Beyond this many drawn territories, only those in view are rendered. */
const CULL_FROM = 300;
const MIN_ZOOM = 0.01;
/** Links are drawn by LinksLayer, not as React Flow edges. */
const noEdges: Edge[] = [];

interface People {
  manager: Map<string, string>;
  members: Map<string, number>;
}

/** Keeps the previous object when nothing in it changed, so React Flow and memo() skip unchanged nodes. */
function sameData(a: TerritoryNodeData, b: TerritoryNodeData): boolean {
  for (const key of Object.keys(b) as (keyof TerritoryNodeData)[]) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * The node objects of the previous drawing, by territory id: a node whose place and data did not change is handed
 * to React Flow again as the same object, so 2,000 nodes do not all redraw on a rename. Pure memoisation: a
 * drawing never depends on what is kept here, only how much of it React Flow redraws.
 */
class NodeCache {
  private nodes = new Map<string, TerritoryFlowNode>();
  previous(): ReadonlyMap<string, TerritoryFlowNode> {
    return this.nodes;
  }
  keep(nodes: Map<string, TerritoryFlowNode>): void {
    this.nodes = nodes;
  }
}

function focusNode(id: string): boolean {
  const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  element?.focus({ preventScroll: true });
  return element !== null;
}

export function HierarchyCanvas() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const planId = usePlanStore((s) => s.planId)!;
  const territories = usePlanStore((s) => s.territories);
  const memberships = usePlanStore((s) => s.memberships);
  const users = usePlanStore((s) => s.users);
  const stats = usePlanStore((s) => s.territoryStats);
  const plan = usePlanStore(currentPlan);
  const readOnly = plan?.status !== 'draft';
  const currency = plan?.currency ?? 'EUR';
  const direction = useHierarchyUi((s) => s.direction);
  // Subscribed so that folding redraws; collapsedOf decides (and may pick the default for a large plan).
  const folding = useHierarchyUi((s) => s.collapsedByPlan[planId]);
  const collapsed = useMemo(() => collapsedOf(planId, territories, folding), [planId, territories, folding]);
  const selection = usePlanStore((s) => s.selection);
  const focusRequest = useHierarchyUi((s) => s.focusRequest);
  const fitRequest = useHierarchyUi((s) => s.fitRequest);
  const seen = useHierarchyUi((s) => s.seen);
  const flow = useReactFlow<TerritoryFlowNode, Edge>();
  const zoomedOut = useStore((s) => s.transform[2] < OVERVIEW_ZOOM);
  const flowStore = useStoreApi<TerritoryFlowNode, Edge>();

  const byId = useMemo(() => new Map(territories.map((x) => [x.id, x])), [territories]);
  const children = useMemo(() => childrenByParent(territories), [territories]);
  const layout = useMemo(() => layoutTree(territories, collapsed, direction), [territories, collapsed, direction]);
  const placedById = useMemo(() => new Map(layout.placed.map((p) => [p.id, p])), [layout]);

  // Fit the drawing when asked (unfold all, fold all) and when it changed shape wholesale (a first territory, a
  // bulk add): a view fitted to one box would leave the planner looking at a corner of 200. The fit is computed
  // from the layout here, so this very render already knows whether the result is the overview, and is applied in
  // a layout effect before React Flow takes the new nodes: a whole unfolded plan is drawn once, already fitted.
  const container = useRef<HTMLDivElement>(null);
  // React Flow marks its wrapper role="application", which cuts the territories (treeitems) off from the tree
  // they belong to for assistive technology; the tree is ours, so the wrapper becomes presentational.
  // The minimap (a pointer-only way to pan) and the library's attribution link are not territories: they are kept
  // out of the tree's accessible children (a tree may hold only treeitems), the link out of the tab order with them.
  useEffect(() => {
    container.current?.querySelector('.react-flow')?.setAttribute('role', 'presentation');
    for (const aside of container.current?.querySelectorAll('.react-flow__minimap, .react-flow__attribution') ?? []) {
      aside.setAttribute('aria-hidden', 'true');
    }
    container.current?.querySelector('.react-flow__attribution a')?.setAttribute('tabindex', '-1');
  });
  // The canvas's size, followed as it changes (measured by the observer, never while rendering).
  const [frameSize, setFrameSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      const { width, height } = element.getBoundingClientRect();
      setFrameSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const reshaped = (n: number, before: number) =>
    (before <= 1 && n > 1) || Math.abs(n - before) > Math.max(100, before);
  // A new plan or direction is fitted too (React Flow is not remounted for it: that would measure it all again).
  const fitKey = `${planId}:${direction}`;
  const drawn = layout.placed.length;
  // What the drawing was at the last render (state from the previous render, the React way): a fit falls due
  // when asked, on a new plan or direction, or when the drawing changed shape wholesale. Each due fit takes the
  // next serial; `fittedSerial` is the last one applied.
  const [shape, setShape] = useState({ fitRequest, fitKey, drawn, serial: 0 });
  if (shape.fitRequest !== fitRequest || shape.fitKey !== fitKey || shape.drawn !== drawn) {
    const due = shape.fitRequest !== fitRequest || shape.fitKey !== fitKey || reshaped(drawn, shape.drawn);
    setShape({ fitRequest, fitKey, drawn, serial: shape.serial + (due ? 1 : 0) });
  }
  const [fittedSerial, setFittedSerial] = useState(0);
  const fitDue = shape.serial !== fittedSerial;
  const pendingFit = useMemo(
    () =>
      fitDue && frameSize ? fitLayout(layout.placed, frameSize.width, frameSize.height, { minZoom: MIN_ZOOM }) : null,
    [fitDue, frameSize, layout],
  );
  const overview = pendingFit ? pendingFit.zoom < OVERVIEW_ZOOM : zoomedOut;

  const people = useMemo<People>(() => {
    const nameOf = new Map(users.map((u) => [u.id, u.name]));
    const manager = new Map<string, string>();
    const members = new Map<string, number>();
    for (const m of memberships) {
      members.set(m.territoryId, (members.get(m.territoryId) ?? 0) + 1);
      if (m.role === 'manager') manager.set(m.territoryId, nameOf.get(m.userId) ?? '?');
    }
    return { manager, members };
  }, [memberships, users]);

  // Node objects survive renders when nothing about them changed: 2,000 nodes must not all redraw on a rename.
  const [nodeCache] = useState(() => new NodeCache());
  const nodes = useMemo<TerritoryFlowNode[]>(() => {
    const selected = new Set(selection);
    // Roving tabindex (WAI-ARIA tree pattern): one territory is the tree's tab stop, the last one picked or else
    // the root; the arrows move between the others.
    const picked = selection.at(-1);
    const tabStop = picked !== undefined && placedById.has(picked) ? picked : layout.placed[0]?.id;
    const previous = nodeCache.previous();
    const next = new Map<string, TerritoryFlowNode>();
    const list = layout.placed.map((p: PlacedTerritory) => {
      const territory = byId.get(p.id)!;
      const statsHere: TerritoryStats | undefined = stats[p.id];
      const data: TerritoryNodeData = {
        territory,
        manager: people.manager.get(p.id) ?? null,
        members: people.members.get(p.id) ?? 0,
        stats: statsHere ?? null,
        childCount: p.childCount,
        hiddenCount: p.hiddenCount,
        collapsed: collapsed.has(p.id),
        currency,
        readOnly,
        language,
      };
      const old = previous.get(p.id);
      const isSelected = selected.has(p.id);
      let node: TerritoryFlowNode;
      if (
        old &&
        old.position.x === p.x &&
        old.position.y === p.y &&
        old.selected === isSelected &&
        old.domAttributes?.tabIndex === (p.id === tabStop ? 0 : -1) &&
        sameData(old.data, data)
      ) {
        node = old;
      } else {
        node = {
          id: p.id,
          type: 'territory',
          position: { x: p.x, y: p.y },
          data: old && sameData(old.data, data) ? old.data : data,
          width: NODE_WIDTH,
          height: NODE_HEIGHT,
          measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
          selected: isSelected,
          draggable: !readOnly && territory.parentId !== null,
          ariaRole: 'treeitem',
          ariaLabel: territory.name,
          domAttributes: {
            'aria-level': p.depth + 1,
            'aria-selected': isSelected,
            tabIndex: p.id === tabStop ? 0 : -1,
            ...(p.childCount > 0 && { 'aria-expanded': !collapsed.has(p.id) }),
          },
        };
      }
      next.set(p.id, node);
      return node;
    });
    nodeCache.keep(next);
    return list;
  }, [nodeCache, layout, placedById, byId, stats, people, collapsed, currency, readOnly, selection, language]);

  // While dragging, the dragged nodes follow the pointer; everything else stays where the layout put it.
  const [dragPositions, setDragPositions] = useState<Map<string, XYPosition> | null>(null);
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

  const dragging = useRef<string[]>([]);

  const onNodesChange = useCallback((changes: NodeChange<TerritoryFlowNode>[]) => {
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
    if (positions) {
      const moved = positions;
      setDragPositions((current) => new Map([...(current ?? []), ...moved]));
    }
    if (picked) selectTerritories(picked);
  }, []);

  /** Which territory the pointer is over, and where on it: before, inside or after (along the siblings' axis). */
  const dropAt = useCallback(
    (point: XYPosition, exclude: ReadonlySet<string>): { targetId: string; zone: DropZone } | null => {
      for (const p of layout.placed) {
        if (exclude.has(p.id)) continue;
        if (point.x < p.x || point.x > p.x + NODE_WIDTH || point.y < p.y || point.y > p.y + NODE_HEIGHT) continue;
        const territory = byId.get(p.id);
        if (!territory || territory.parentId === null) return { targetId: p.id, zone: 'inside' };
        const alongY = direction === 'LR' || p.stacked;
        const fraction = alongY ? (point.y - p.y) / NODE_HEIGHT : (point.x - p.x) / NODE_WIDTH;
        return { targetId: p.id, zone: fraction < 0.22 ? 'before' : fraction > 0.78 ? 'after' : 'inside' };
      }
      return null;
    },
    [layout, byId, direction],
  );

  const pointerOf = (event: MouseEvent | TouchEvent): XYPosition | null => {
    const source = 'touches' in event ? (event.touches[0] ?? event.changedTouches[0]) : event;
    return source ? flow.screenToFlowPosition({ x: source.clientX, y: source.clientY }) : null;
  };

  const refusedDrop = useCallback(
    (moving: readonly string[], targetId: string, zone: DropZone): boolean => {
      const target = byId.get(targetId);
      const parentId = zone === 'inside' ? targetId : (target?.parentId ?? null);
      if (parentId === null) return true;
      return moving.some((id) => isWithin(byId, parentId, id));
    },
    [byId],
  );

  // Drop badges stay readable and fold buttons stay 24 px or more on screen when zoomed out: the canvas carries the
  // inverse zoom as a CSS variable, set when a drag starts and when a pan or zoom ends (not on every frame of it,
  // which would restyle every node each frame).
  const unzoomBadges = useCallback(() => {
    const value = String(Math.max(1, 1 / flowStore.getState().transform[2]));
    if (container.current && container.current.style.getPropertyValue('--tp-unzoom') !== value) {
      container.current.style.setProperty('--tp-unzoom', value);
    }
  }, [flowStore]);

  const onNodeDragStart: OnNodeDrag<TerritoryFlowNode> = useCallback(
    (_event, _node, dragged) => {
      dragging.current = dragged.map((n) => n.id);
      unzoomBadges();
    },
    [unzoomBadges],
  );

  const onNodeDrag: OnNodeDrag<TerritoryFlowNode> = useCallback(
    (event, _node, dragged) => {
      const point = pointerOf(event as MouseEvent);
      if (!point) return;
      const moving = dragged.map((n) => n.id);
      const hit = dropAt(point, new Set(moving));
      setDrop(hit ? { ...hit, refused: refusedDrop(moving, hit.targetId, hit.zone) } : null);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dropAt, refusedDrop],
  );

  const onNodeDragStop: OnNodeDrag<TerritoryFlowNode> = useCallback(
    (_event, _node, dragged) => {
      const drop = useHierarchyUi.getState().drop;
      const moving = dragged.length > 0 ? dragged.map((n) => n.id) : dragging.current;
      setDrop(null);
      setDragPositions(null);
      dragging.current = [];
      if (!drop) return;
      if (drop.refused) {
        const parentId = drop.zone === 'inside' ? drop.targetId : byId.get(drop.targetId)?.parentId;
        notify((parentId && moveRefusal(territories, moving, parentId)) || t('hierarchy.cannotDropHere'), 'error');
        return;
      }
      if (drop.zone === 'inside') {
        void moveTerritoriesUnder(moving, drop.targetId);
      } else {
        const place = siblingPlace(territories, moving, drop.targetId, drop.zone);
        if (place) void moveTerritoriesUnder(moving, place.parentId, place.index);
      }
    },
    [byId, territories, t],
  );

  useLayoutEffect(() => {
    if (!fitDue) return;
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    const viewport = fitLayout(layout.placed, box.width, box.height, { minZoom: MIN_ZOOM });
    const serial = shape.serial;
    // Animating thousands of nodes is slower than it is helpful: large drawings jump into place.
    void flow
      .setViewport(viewport, { duration: layout.placed.length > 500 ? 0 : motionMs(200) })
      .then(() => setFittedSerial((s) => Math.max(s, serial)));
  }, [fitDue, shape.serial, layout, flow]);

  // Bring a territory asked for (search, a new one, keyboard) into view and give it the keyboard focus.
  useEffect(() => {
    if (!focusRequest) return;
    const placed = placedById.get(focusRequest.id);
    if (!placed) return;
    const { x, y, zoom } = flow.getViewport();
    const box = document.querySelector('.hierarchy-canvas')?.getBoundingClientRect();
    const left = -x / zoom;
    const top = -y / zoom;
    const inView =
      box !== undefined &&
      placed.x >= left &&
      placed.y >= top &&
      placed.x + NODE_WIDTH <= left + box.width / zoom &&
      placed.y + NODE_HEIGHT <= top + box.height / zoom;
    if (focusRequest.zoom || !inView) {
      void flow.setCenter(placed.x + NODE_WIDTH / 2, placed.y + NODE_HEIGHT / 2, {
        zoom: focusRequest.zoom ? Math.max(zoom, 1) : Math.max(zoom, 0.6),
        duration: motionMs(250),
      });
    }
    let frames = 0;
    const tryFocus = () => {
      if (!focusNode(focusRequest.id) && frames++ < 30) requestAnimationFrame(tryFocus);
    };
    requestAnimationFrame(tryFocus);
    useHierarchyUi.setState({ focusRequest: null });
  }, [focusRequest, placedById, flow]);

  const onKeyDown = useHierarchyKeys({ children, byId, collapsed, placedById, context: useHierarchyContext() });

  // A sales person dragged from the people panel: the node under the pointer lights up and takes them in.
  const territoryUnder = (event: DragEvent): Territory | undefined => {
    const element = (event.target as Element | null)?.closest?.('.react-flow__node');
    const id = element?.getAttribute('data-id');
    return id ? byId.get(id) : undefined;
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (readOnly || !event.dataTransfer.types.includes(USER_DRAG_TYPE)) return;
    unzoomBadges();
    const territory = territoryUnder(event);
    setUserDropTarget(territory?.id ?? null);
    if (territory) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    setUserDropTarget(null);
    const userId = event.dataTransfer.getData(USER_DRAG_TYPE);
    const territory = territoryUnder(event);
    if (!userId || !territory) return;
    event.preventDefault();
    const user = users.find((u) => u.id === userId);
    const already = memberships.some((m) => m.userId === userId && m.territoryId === territory.id);
    if (already) {
      notify(t('people.alreadyMember', { name: user?.name ?? '', territory: territory.name }));
      return;
    }
    void assignUser(territory.id, userId, 'member').then((ok) => {
      if (ok) notify(t('people.assigned', { name: user?.name ?? '', territory: territory.name }), 'success');
    });
  };

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
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setUserDropTarget(null);
      }}
      onDrop={onDrop}
    >
      <ReactFlow<TerritoryFlowNode, Edge>
        nodes={shownNodes}
        edges={noEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onInit={unzoomBadges}
        onMoveEnd={unzoomBadges}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
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
