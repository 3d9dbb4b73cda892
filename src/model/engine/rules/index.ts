/** The rule engine: parse, compile, run, preview and explain territory assignment rules. Pure functions. */
export * from './assignment';
export * from './compileRule';
export * from './conditions';
export * from './explain';
export * from './normalize';
export * from './pattern';
export * from './preview';
export * from './run';
export * from './select';
export { ScanContext, type TextMode } from './scanContext';
export { buildTerritoryTree, type TerritoryTree } from './territoryTree';
export { buildAreaIndex, type AreaIndex } from './areaIndex';
