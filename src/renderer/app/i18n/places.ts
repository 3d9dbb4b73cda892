/**
 * Text of places in the UI: the import wizard's place step (how countries, regions, postal codes and cities were
 * understood, and the planner's fix-ups), the Accounts view's place filter and the place value picker of rule
 * conditions. en.ts and fr.ts take them in under `places`. Each text is written once with its two languages side
 * by side, [English, French], so a key can never be missing from one of them.
 */
type Texts = { readonly [key: string]: readonly [en: string, fr: string] | Texts };
type InOneLanguage<T> = { [K in keyof T]: T[K] extends readonly [string, string] ? string : InOneLanguage<T[K]> };

const texts = {
  step: ['Places', 'Lieux'],
  title: ['How the places were understood', 'Comment les lieux ont été compris'],
  lead: [
    'Each distinct value of the place columns, as the import read it. Fix a value it could not find or read wrong: the fix-up applies to every row holding it and is saved with the mapping.',
    'Chaque valeur distincte des colonnes de lieux, telle que l’import l’a lue. Corrigez une valeur introuvable ou mal lue : la correction vaut pour toutes les lignes qui la portent et est enregistrée avec la correspondance.',
  ],
  columns: {
    country: ['Country', 'Pays'],
    region: ['Region or state', 'Région ou État'],
    postalCode: ['Postal code', 'Code postal'],
    city: ['City', 'Ville'],
  },
  columnTitle: ['{{field}} — column “{{header}}”', '{{field}} — colonne « {{header}} »'],
  counts: {
    found: ['found', 'trouvées'],
    notFound: ['not found', 'introuvables'],
    ambiguous: ['ambiguous', 'ambiguës'],
  },
  status: {
    found: ['Found', 'Trouvée'],
    fixed: ['Fixed by you', 'Corrigée par vous'],
    notFound: ['Not found', 'Introuvable'],
    ambiguous: ['Ambiguous', 'Ambiguë'],
  },
  value: ['Value in the file', 'Valeur du fichier'],
  rows: ['Rows', 'Lignes'],
  firstRows: ['Row numbers', 'Numéros de ligne'],
  understood: ['Understood as', 'Comprise comme'],
  fix: ['Fix-up', 'Correction'],
  valuesOf: ['Values of the column {{header}}', 'Valeurs de la colonne {{header}}'],
  onlyToCheck: ['Only the values to check', 'Seulement les valeurs à vérifier'],
  noneToCheck: ['Every value of this column was found.', 'Toutes les valeurs de cette colonne ont été trouvées.'],
  valuesCut: ['{{count}} more values are not listed.', '{{count}} autres valeurs ne sont pas listées.'],
  guessedRows_one: [
    '{{formatted}} row is placed by a guess (an ambiguous city, a region or country centre, or no place at all).',
    '{{formatted}} ligne est placée par supposition (ville ambiguë, centre d’une région ou d’un pays, ou aucun lieu).',
  ],
  guessedRows_other: [
    '{{formatted}} rows are placed by a guess (an ambiguous city, a region or country centre, or no place at all).',
    '{{formatted}} lignes sont placées par supposition (ville ambiguë, centre d’une région ou d’un pays, ou aucun lieu).',
  ],
  noGuessedRows: ['No row is placed by a guess.', 'Aucune ligne n’est placée par supposition.'],
  flagged: {
    military: ['Military addresses (APO, FPO, DPO): {{count}}', 'Adresses militaires (APO, FPO, DPO) : {{count}}'],
    poBox: ['PO boxes: {{count}}', 'Boîtes postales : {{count}}'],
  },
  guessedAfter: [
    'After the import, the Accounts view filters them by “Place”.',
    'Après l’import, la vue Comptes les filtre par « Lieu ».',
  ],
  fixOf: ['Fix-up for “{{value}}”', 'Correction de « {{value}} »'],
  countryOf: ['Country of “{{value}}”', 'Pays de « {{value}} »'],
  keep: ['Keep as found', 'Garder telle que trouvée'],
  change: ['Change…', 'Modifier…'],
  changeOf: ['Change “{{value}}”…', 'Modifier « {{value}} »…'],
  choose: ['Choose…', 'Choisir…'],
  notAPlace: ['Not a place (leave it unresolved)', 'Pas un lieu (laisser non résolue)'],
  ambiguousAmong: ['Could be: {{names}}', 'Peut être : {{names}}'],
  fixesPending: [
    'Your fix-ups apply once the file is checked again.',
    'Vos corrections s’appliquent quand le fichier est vérifié à nouveau.',
  ],
  checkAgain: ['Check again with the fix-ups', 'Vérifier à nouveau avec les corrections'],
  remembered: [
    'The fix-ups are saved with the mapping when “Remember this mapping” is on.',
    'Les corrections sont enregistrées avec la correspondance si « Mémoriser cette correspondance » est coché.',
  ],
  fromProfile_one: [
    '{{count}} fix-up from your saved mapping is applied.',
    '{{count}} correction de votre correspondance enregistrée est appliquée.',
  ],
  fromProfile_other: [
    '{{count}} fix-ups from your saved mapping are applied.',
    '{{count}} corrections de votre correspondance enregistrée sont appliquées.',
  ],
  review: ['Review the places', 'Voir les lieux'],
  toCheck_one: ['Places: {{formatted}} value to check', 'Lieux : {{formatted}} valeur à vérifier'],
  toCheck_other: ['Places: {{formatted}} values to check', 'Lieux : {{formatted}} valeurs à vérifier'],
  allFound: ['Places: every value was found', 'Lieux : toutes les valeurs ont été trouvées'],
  loading: ['Loading place names…', 'Chargement des noms de lieux…'],
  filter: {
    label: ['Place', 'Lieu'],
    any: ['Any place', 'Tous les lieux'],
    guessed: ['Place is a guess', 'Lieu supposé'],
    ambiguousCity: ['Ambiguous city', 'Ville ambiguë'],
    none: ['No location', 'Sans localisation'],
    flagged: ['PO box or military', 'Boîte postale ou militaire'],
    military: ['Military address', 'Adresse militaire'],
    poBox: ['PO box', 'Boîte postale'],
    exact: ['Exact coordinates', 'Coordonnées exactes'],
    postal: ['Located by postal code', 'Localisé par code postal'],
    city: ['Located by city', 'Localisé par ville'],
  },
  picker: {
    search: ['Type a name or a code', 'Tapez un nom ou un code'],
    searchCountry: [
      'Country: type a name in any language or a code',
      'Pays : tapez un nom dans toute langue ou un code',
    ],
    searchRegion: ['Region of {{country}}: type a name or a code', 'Région de {{country}} : tapez un nom ou un code'],
    add: ['Add', 'Ajouter'],
    remove: ['Remove {{name}}', 'Retirer {{name}}'],
    noMatch: ['No place named “{{text}}”', 'Aucun lieu nommé « {{text}} »'],
    ambiguous: [
      '“{{text}}” could be several places: pick one',
      '« {{text}} » peut désigner plusieurs lieux : choisissez',
    ],
    chooseCountryFirst: ['Regions are picked within a country', 'Les régions se choisissent dans un pays'],
    regionCountry: ['Country of the regions', 'Pays des régions'],
    codeStored: ['Stored as {{code}}', 'Enregistré comme {{code}}'],
  },
} as const satisfies Texts;

function inLanguage<T extends Texts>(tree: T, index: 0 | 1): InOneLanguage<T> {
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [
      key,
      Array.isArray(value) ? value[index] : inLanguage(value as Texts, index),
    ]),
  ) as InOneLanguage<T>;
}

export const placesEn = inLanguage(texts, 0);
export const placesFr: typeof placesEn = inLanguage(texts, 1);
