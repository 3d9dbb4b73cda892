/**
 * Labels of commands that have a shortcut but no button (the view action registries name every command), English
 * and French. en.ts and fr.ts take them in under `actions`.
 */
import { englishKeyWords } from '../../../shared/shortcuts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const actionsEn = {
  cutTerritories: 'Cut the selected territories, to move them',
  pasteTerritories: 'Move the cut territories under this one',
  placeInTerritory: 'Place the chosen records (or all those shown) in a territory',
  previousYear: 'Previous fiscal year',
  nextYear: 'Next fiscal year',
  exportTargets: 'Export targets…',
  swapPlans: 'Swap the reference and the next plan',
  previousMeasure: 'Previous measure',
  nextMeasure: 'Next measure',
  fitAccounts: 'Frame the plan’s accounts',
  or: 'or',
  inView: '{{view}} view',
  everywhere: 'Everywhere',
  notInFields: 'A view’s keys do not work while the cursor is in a field: click outside it first.',
  /** Why a command cannot run now, beside it in the shortcuts panel. */
  whyNot: {
    findElsewhere: 'Searches the Hierarchy and Accounts views',
    findNoRecords: 'Nothing to search: no records of this kind yet',
  },
};

export const actionsFr: Shape<typeof actionsEn> = {
  cutTerritories: 'Couper les territoires choisis, pour les déplacer',
  pasteTerritories: 'Déplacer sous celui-ci les territoires coupés',
  placeInTerritory: 'Placer dans un territoire les enregistrements choisis (ou tous ceux affichés)',
  previousYear: 'Exercice précédent',
  nextYear: 'Exercice suivant',
  exportTargets: 'Exporter les objectifs…',
  swapPlans: 'Échanger la référence et le plan suivant',
  previousMeasure: 'Mesure précédente',
  nextMeasure: 'Mesure suivante',
  fitAccounts: 'Cadrer les comptes du plan',
  or: 'ou',
  inView: 'Vue {{view}}',
  everywhere: 'Partout',
  notInFields:
    'Les touches d’une vue ne fonctionnent pas quand le curseur est dans un champ : cliquez d’abord en dehors.',
  whyNot: {
    findElsewhere: 'Cherche dans les vues Hiérarchie et Comptes',
    findNoRecords: 'Rien à chercher : aucun enregistrement de ce type pour l’instant',
  },
};

/**
 * The words printed on keys, for every shortcut shown (tooltips, menus, the shortcuts panel, sentences naming a
 * key): read by `keyWords()` in viewActions.ts. A French keyboard says Maj, Suppr, Entrée, Échap.
 */
export const keysEn = englishKeyWords;

export const keysFr: Shape<typeof keysEn> = {
  ctrl: 'Ctrl',
  shift: 'Maj',
  alt: 'Alt',
  names: {
    Delete: 'Suppr',
    Insert: 'Inser',
    Backspace: 'Retour arrière',
    Enter: 'Entrée',
    Escape: 'Échap',
    Tab: 'Tab',
    ' ': 'Espace',
    Home: 'Début',
    End: 'Fin',
    PageUp: 'Page préc.',
    PageDown: 'Page suiv.',
    ArrowLeft: '←',
    ArrowRight: '→',
    ArrowUp: '↑',
    ArrowDown: '↓',
  },
};
