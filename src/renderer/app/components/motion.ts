/**
 * How long an animation of the view (a pan, a zoom, a fit) should last: `ms`, or none when the planner's system asks
 * for reduced motion (WCAG 2.3.3). Read at the time of the animation, so a change of the setting counts at once.
 */
export function motionMs(ms: number): number {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : ms;
}
