/**
 * What the planner is told when the model host restarts or stops answering (the bridge's host status), English
 * and French. en.ts and fr.ts take them in under `host`.
 */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const hostEn = {
  restarted:
    'The model stopped unexpectedly and was restarted. Nothing you had saved was lost; the action in progress did not finish, so check it and try again.',
  unresponsive:
    'The model is not answering. Nothing you had saved is lost; wait a moment, or restart the app if this lasts.',
  responsive: 'The model is answering again.',
  secondTab: {
    title: 'Territory Planner is already open in another tab',
    body: 'Only one tab can work on your plans at a time, so that no change is lost. Switch to the other tab, or close it: this tab then opens by itself.',
  },
};

export const hostFr: Shape<typeof hostEn> = {
  restarted:
    'Le modèle s’est arrêté de façon inattendue et a redémarré. Rien de ce que vous aviez enregistré n’est perdu ; l’action en cours n’a pas abouti : vérifiez-la et réessayez.',
  unresponsive:
    'Le modèle ne répond plus. Rien de ce que vous aviez enregistré n’est perdu ; patientez un instant, ou redémarrez l’application si cela dure.',
  responsive: 'Le modèle répond de nouveau.',
  secondTab: {
    title: 'Territory Planner est déjà ouvert dans un autre onglet',
    body: 'Un seul onglet peut travailler sur vos plans à la fois, pour qu’aucun changement ne se perde. Passez à l’autre onglet, ou fermez-le : cet onglet s’ouvrira alors de lui-même.',
  },
};
