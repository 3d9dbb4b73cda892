/**
 * Fits the hierarchy drawing in the canvas when asked (unfold all, fold all) and when it changed shape wholesale
 * (a first territory, a bulk add, another plan or direction): a view fitted to one box would leave the planner
 * looking at a corner of 200. The fit is computed from the layout while rendering, so that render already knows
 * whether the result is the overview, and is applied in a layout effect before React Flow takes the new nodes: a
 * whole unfolded plan is drawn once, already fitted.
 */
import type { ReactFlowInstance } from '@xyflow/react';
import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import { motionMs } from '../../components/motion';
import { fitLayout, type TreeLayout, type Viewport } from './layout';

/** A drawing that went from one box to several, or grew or shrank by more than it was (and 100), is refitted. */
export const reshaped = (n: number, before: number): boolean =>
  (before <= 1 && n > 1) || Math.abs(n - before) > Math.max(100, before);

interface FitInput {
  container: RefObject<HTMLDivElement | null>;
  layout: TreeLayout;
  /** A new key (plan, direction) is fitted: React Flow is not remounted for it (that would measure it all again). */
  fitKey: string;
  /** Bumped to ask for a fit. */
  fitRequest: number;
  flow: Pick<ReactFlowInstance, 'setViewport'>;
  minZoom: number;
}

/** Returns the viewport a due fit will set (null when none is due), for this render to draw at that zoom. */
export function useFitOnReshape({ container, layout, fitKey, fitRequest, flow, minZoom }: FitInput): Viewport | null {
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
  }, [container]);

  // What the drawing was at the last render (state from the previous render, the React way): a fit falls due
  // when asked, on a new key, or when the drawing changed shape wholesale. Each due fit takes the next serial;
  // `fittedSerial` is the last one applied.
  const drawn = layout.placed.length;
  const [shape, setShape] = useState({ fitRequest, fitKey, drawn, serial: 0 });
  if (shape.fitRequest !== fitRequest || shape.fitKey !== fitKey || shape.drawn !== drawn) {
    const due = shape.fitRequest !== fitRequest || shape.fitKey !== fitKey || reshaped(drawn, shape.drawn);
    setShape({ fitRequest, fitKey, drawn, serial: shape.serial + (due ? 1 : 0) });
  }
  const [fittedSerial, setFittedSerial] = useState(0);
  const fitDue = shape.serial !== fittedSerial;
  const pendingFit = useMemo(
    () => (fitDue && frameSize ? fitLayout(layout.placed, frameSize.width, frameSize.height, { minZoom }) : null),
    [fitDue, frameSize, layout, minZoom],
  );

  useLayoutEffect(() => {
    if (!fitDue) return;
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    const viewport = fitLayout(layout.placed, box.width, box.height, { minZoom });
    const serial = shape.serial;
    // Animating thousands of nodes is slower than it is helpful: large drawings jump into place.
    void flow
      .setViewport(viewport, { duration: layout.placed.length > 500 ? 0 : motionMs(200) })
      .then(() => setFittedSerial((s) => Math.max(s, serial)));
  }, [fitDue, shape.serial, layout, flow, container, minZoom]);

  return pendingFit;
}
