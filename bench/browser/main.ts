/**
 * The bench page: model code run directly in Chromium's main thread against the real IndexedDB, exposed as
 * `window.bench.*` for bench/*.bench.ts to call through playwright.
 */
import { papaparseParseOnly } from './importParse';
import {
  mapAssignPoints,
  mapBareDone,
  mapBareFrame,
  mapFrameByLayer,
  mapLabelsMs,
  mapCheckAssignment,
  mapPanZoomFrame,
  mapPointsFirstDraw,
  mapSetup,
  mapShadeCounties,
} from './map';
import { recordStorage } from './recordStorage';
import { rulesApply } from './rulesApply';
import { scenarios } from './scenarios';
import { seedPlanWithAccounts } from './seedPlan';

const bench = {
  recordStorage,
  rulesApply,
  papaparseParseOnly,
  scenarios,
  seedPlanWithAccounts,
  mapSetup,
  mapBareFrame,
  mapBareDone,
  mapLabelsMs,
  mapFrameByLayer,
  mapPointsFirstDraw,
  mapPanZoomFrame,
  mapAssignPoints,
  mapCheckAssignment,
  mapShadeCounties,
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}

window.bench = bench;
