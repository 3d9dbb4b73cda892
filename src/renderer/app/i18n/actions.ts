/**
 * Labels of commands that have a shortcut but no button (the view action registries name every command), English
 * and French. en.ts and fr.ts take them in under `actions`.
 */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const actionsEn = {
  cutTerritories: 'Cut the selected territories, to move them',
  pasteTerritories: 'Move the cut territories under this one',
};

export const actionsFr: Shape<typeof actionsEn> = {
  cutTerritories: 'Couper les territoires choisis, pour les déplacer',
  pasteTerritories: 'Déplacer sous celui-ci les territoires coupés',
};
