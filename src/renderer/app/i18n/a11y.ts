/**
 * Words for assistive technology (screen-reader prefixes, live announcements, text alternatives of charts and
 * keyboard hints), English and French. en.ts and fr.ts take them in under `a11y`.
 */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const a11yEn = {
  planSwitcherPrefix: 'Plan:',
  close: 'Close',
  mapCanvas: 'Map canvas: pan with the arrow keys, zoom with + and −',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  toggleAttribution: 'Show or hide the map credits',
  phases: {
    balance: 'Balancing territories',
    export: 'Exporting',
    geocoding: 'Locating addresses',
    load: 'Loading',
    merging: 'Merging records',
    read: 'Reading the file',
    reading: 'Reading rows',
    rules: 'Running the rules',
    save: 'Saving',
    saving: 'Saving',
  },
  progress: {
    started: '{{phase}}…',
    share: '{{phase}}: {{percent}} %',
    done: '{{phase}}: finished.',
  },
  moveTo: {
    open: 'Move to…',
    titleOne: 'Move “{{name}}” to…',
    titleMany: 'Move {{count}} territories to…',
    filter: 'Find a territory',
    under: 'Put under',
    currentParent: '{{path}} (where it is now)',
    willGo: 'Goes under {{path}}',
    none: 'No territory matches.',
    move: 'Move',
  },
  gained: 'Gained',
  lost: 'Lost',
  changeBars: 'Lost and gained, as bars',
};

export const a11yFr: Shape<typeof a11yEn> = {
  planSwitcherPrefix: 'Plan :',
  close: 'Fermer',
  mapCanvas: 'Fond de carte : déplacer avec les flèches, zoomer avec + et −',
  zoomIn: 'Zoom avant',
  zoomOut: 'Zoom arrière',
  toggleAttribution: 'Afficher ou masquer les crédits de la carte',
  phases: {
    balance: 'Équilibrage des territoires',
    export: 'Export',
    geocoding: 'Localisation des adresses',
    load: 'Chargement',
    merging: 'Fusion des enregistrements',
    read: 'Lecture du fichier',
    reading: 'Lecture des lignes',
    rules: 'Application des règles',
    save: 'Enregistrement',
    saving: 'Enregistrement',
  },
  progress: {
    started: '{{phase}}…',
    share: '{{phase}} : {{percent}} %',
    done: '{{phase}} : terminé.',
  },
  moveTo: {
    open: 'Déplacer vers…',
    titleOne: 'Déplacer « {{name}} » vers…',
    titleMany: 'Déplacer {{count}} territoires vers…',
    filter: 'Chercher un territoire',
    under: 'Placer sous',
    currentParent: '{{path}} (sa place actuelle)',
    willGo: 'Va sous {{path}}',
    none: 'Aucun territoire ne correspond.',
    move: 'Déplacer',
  },
  gained: 'Gagnés',
  lost: 'Perdus',
  changeBars: 'Perdus et gagnés, en barres',
};
