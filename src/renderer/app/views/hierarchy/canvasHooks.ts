/**
 * The hierarchy canvas's behaviours, one hook each: the tree's roles for assistive technology, bringing a
 * territory asked for into view, dragging territories onto one another, and dropping a sales person on a node.
 */
import type { Edge, OnNodeDrag, ReactFlowInstance, XYPosition } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Membership, SalesUser, Territory } from '../../../../shared/domain';
import { motionMs } from '../../components/motion';
import { notify } from '../../stores/uiStore';
import { dropAt, refusedDrop } from './hierarchyNodes';
import { setDrop, setUserDropTarget, useHierarchyUi, USER_DRAG_TYPE } from './hierarchyStore';
import { NODE_HEIGHT, NODE_WIDTH, type LayoutDirection, type PlacedTerritory, type TreeLayout } from './layout';
import type { TerritoryFlowNode } from './TerritoryNode';
import { assignUser, moveRefusal, moveTerritoriesUnder, siblingPlace } from './territoryActions';

/**
 * React Flow marks its wrapper role="application", which cuts the territories (treeitems) off from the tree they
 * belong to for assistive technology; the tree is ours, so the wrapper becomes presentational. The minimap (a
 * pointer-only way to pan) and the library's attribution link are not territories: they are kept out of the
 * tree's accessible children (a tree may hold only treeitems), the link out of the tab order with them.
 */
export function useTreeRoles(container: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    container.current?.querySelector('.react-flow')?.setAttribute('role', 'presentation');
    for (const aside of container.current?.querySelectorAll('.react-flow__minimap, .react-flow__attribution') ?? []) {
      aside.setAttribute('aria-hidden', 'true');
    }
    container.current?.querySelector('.react-flow__attribution a')?.setAttribute('tabindex', '-1');
  });
}

function focusNode(id: string): boolean {
  const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  element?.focus({ preventScroll: true });
  return element !== null;
}

/** Brings a territory asked for (search, a new one, keyboard) into view and gives it the keyboard focus. */
export function useFocusRequest(
  placedById: ReadonlyMap<string, PlacedTerritory>,
  flow: Pick<ReactFlowInstance, 'getViewport' | 'setCenter'>,
): void {
  const focusRequest = useHierarchyUi((s) => s.focusRequest);
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
}

interface DragInput {
  layout: TreeLayout;
  byId: ReadonlyMap<string, Territory>;
  territories: readonly Territory[];
  direction: LayoutDirection;
  flow: Pick<ReactFlowInstance<TerritoryFlowNode, Edge>, 'screenToFlowPosition'>;
  /** Keeps drop badges readable at the current zoom (called as a drag starts). */
  onDragStart: () => void;
}

/**
 * Dragging territories (one, or the selected ones) onto another moves them under it, onto a node's outer fifth
 * beside it. Returns React Flow's drag handlers and `onPositions`, for the positions its node changes report.
 */
export function useTerritoryDrag({ layout, byId, territories, direction, flow, onDragStart }: DragInput) {
  const { t } = useTranslation();
  // While dragging, the dragged nodes follow the pointer; everything else stays where the layout put it.
  const [dragPositions, setDragPositions] = useState<Map<string, XYPosition> | null>(null);
  const dragging = useRef<string[]>([]);

  const onPositions = useCallback((moved: Map<string, XYPosition>) => {
    setDragPositions((current) => new Map([...(current ?? []), ...moved]));
  }, []);

  const onNodeDragStart: OnNodeDrag<TerritoryFlowNode> = useCallback(
    (_event, _node, dragged) => {
      dragging.current = dragged.map((n) => n.id);
      onDragStart();
    },
    [onDragStart],
  );

  const onNodeDrag: OnNodeDrag<TerritoryFlowNode> = useCallback(
    (event, _node, dragged) => {
      const source = 'touches' in event ? (event.touches[0] ?? event.changedTouches[0]) : event;
      if (!source) return;
      const point = flow.screenToFlowPosition({ x: source.clientX, y: source.clientY });
      const moving = dragged.map((n) => n.id);
      const hit = dropAt(layout.placed, byId, direction, point, new Set(moving));
      setDrop(hit ? { ...hit, refused: refusedDrop(byId, moving, hit.targetId, hit.zone) } : null);
    },
    [flow, layout, byId, direction],
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

  return { dragPositions, onPositions, onNodeDragStart, onNodeDrag, onNodeDragStop };
}

interface PersonDropInput {
  readOnly: boolean;
  byId: ReadonlyMap<string, Territory>;
  users: readonly SalesUser[];
  memberships: readonly Membership[];
  onDragOver: () => void;
}

/** A sales person dragged from the people panel: the node under the pointer lights up and takes them in. */
export function usePersonDrop({ readOnly, byId, users, memberships, onDragOver }: PersonDropInput) {
  const { t } = useTranslation();
  const territoryUnder = (event: DragEvent): Territory | undefined => {
    const element = (event.target as Element | null)?.closest?.('.react-flow__node');
    const id = element?.getAttribute('data-id');
    return id ? byId.get(id) : undefined;
  };
  return {
    onDragOver: (event: DragEvent<HTMLDivElement>) => {
      if (readOnly || !event.dataTransfer.types.includes(USER_DRAG_TYPE)) return;
      onDragOver();
      const territory = territoryUnder(event);
      setUserDropTarget(territory?.id ?? null);
      if (territory) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }
    },
    onDragLeave: (event: DragEvent<HTMLDivElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setUserDropTarget(null);
    },
    onDrop: (event: DragEvent<HTMLDivElement>) => {
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
    },
  };
}
