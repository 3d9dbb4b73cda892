/**
 * The map as a territory editor, in the browser host: the basemap at world, Europe, France and US-county zoom;
 * two regions picked and one area drawn for a territory, rules run, accounts recoloured and counted; accounts
 * lassoed and placed by hand, then undone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, newProfileDir, removeProfile, screenshot } from './support/browser';
import { call, jump, openSampleMap, type Call } from './support/map';
import { serveStatic, type StaticServer } from './support/server';

let server: StaticServer;

beforeAll(async () => {
  server = await serveStatic();
});

afterAll(async () => {
  await server.close();
});

/** A fingerprint of the place names' canvas: it changes when any name is drawn differently. */
function labelPixels(page: Page): Promise<string> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas.map-labels') as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let i = 3; i < data.length; i += 4) hash = (Math.imul(hash, 31) + data[i]) | 0;
    return `${canvas.width}x${canvas.height}:${hash}`;
  });
}

/**
 * From now on, records the texts the place names' canvas draws; `labelTexts` reads those of the frames drawn since
 * the last read.
 */
function recordLabelTexts(page: Page): Promise<void> {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas.map-labels') as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const texts: string[] = [];
    (window as unknown as { labelTexts: string[] }).labelTexts = texts;
    const fill = ctx.fillText.bind(ctx);
    ctx.fillText = (text: string, x: number, y: number) => {
      texts.push(text);
      fill(text, x, y);
    };
  });
}

function labelTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { labelTexts: string[] }).labelTexts.splice(0));
}

/** The titles of MapLibre's zoom buttons and attribution toggle, each checked against its accessible name. */
function mapControlWords(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    ['.maplibregl-ctrl-zoom-in', '.maplibregl-ctrl-zoom-out', '.maplibregl-ctrl-attrib-button'].map((selector) => {
      const button = document.querySelector(selector)!;
      const title = button.getAttribute('title') ?? '';
      return title === button.getAttribute('aria-label') ? title : `${title} ≠ ${button.getAttribute('aria-label')}`;
    }),
  );
}

/** Where a longitude/latitude is on the page. */
async function pixel(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(
    ([x, y]) => {
      const map = (window as unknown as { territoryMap: { project(l: [number, number]): { x: number; y: number } } })
        .territoryMap;
      return map.project([x, y]);
    },
    [lon, lat] as const,
  );
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

/** The colour (RGBA) the map canvas draws at a longitude/latitude: the basemap, shading, areas and points. */
async function colourAt(page: Page, lon: number, lat: number): Promise<number[]> {
  const at = await pixel(page, lon, lat);
  return colourAtPixel(page, at);
}

/** The colour (RGBA) the map canvas draws at a point of the page (CSS pixels). */
function colourAtPixel(page: Page, at: { x: number; y: number }): Promise<number[]> {
  return page.evaluate(
    ([x, y]) => {
      const canvas = document.querySelector('.maplibregl-canvas') as HTMLCanvasElement;
      const box = canvas.getBoundingClientRect();
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0);
      const r = window.devicePixelRatio || 1;
      return Array.from(ctx.getImageData(Math.round((x - box.left) * r), Math.round((y - box.top) * r), 1, 1).data);
    },
    [at.x, at.y] as const,
  );
}

/** Waits until a click at a place would pick a region of `level` there: its shapes are drawn. */
async function pickableAt(page: Page, lon: number, lat: number, level: string) {
  await expect
    .poll(() =>
      page.evaluate(
        ([x, y, l]) => {
          const map = (
            window as unknown as {
              territoryMap: {
                project(p: [number, number]): { x: number; y: number };
                queryRenderedFeatures(p: [number, number], o: { layers: string[] }): unknown[];
              };
            }
          ).territoryMap;
          const at = map.project([x, y]);
          return map.queryRenderedFeatures([at.x, at.y], { layers: [`shade-${l}`] }).length;
        },
        [lon, lat, level] as const,
      ),
    )
    .toBeGreaterThan(0);
}

/** Clicks the corners of an area being drawn, one after the other (the first again closes it). */
async function clickCorners(page: Page, corners: readonly [number, number][]) {
  for (const [lon, lat] of corners) {
    const p = await pixel(page, lon, lat);
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(250);
  }
}

/** Whether `colour` is within `tolerance` of the hex colour `hex` on each channel. */
function near(colour: number[], hex: string, tolerance: number): boolean {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return want.every((v, i) => Math.abs(colour[i] - v) <= tolerance);
}

/**
 * What the map draws at a terra-draw handle at a longitude/latitude: its centre, and its ring `dx`, `dy` CSS px away
 * (handles are territory-coloured discs ringed in white; terra-draw's own are blue, with no ring). The ring is read
 * inside the area, whose tint is not white as the plain land around it nearly is, and off its edges, which the
 * area's outline follows.
 */
async function handleAt(page: Page, lon: number, lat: number, dx: number, dy: number) {
  const at = await pixel(page, lon, lat);
  return { centre: await colourAtPixel(page, at), ring: await colourAtPixel(page, { x: at.x + dx, y: at.y + dy }) };
}

/** Whether a colour is the basemap's water (#dbe7f3), opaque: a lake with nothing tinting it. */
const isWater = ([r, g, b, a]: number[]) =>
  Math.abs(r - 0xdb) <= 2 && Math.abs(g - 0xe7) <= 2 && Math.abs(b - 0xf3) <= 2 && a === 255;

const modeNames = {
  en: ['Move the map', 'Pick regions', 'Lasso select', 'Draw an area', 'Edit areas'],
  fr: ['Déplacer la carte', 'Choisir des régions', 'Sélection au lasso', 'Dessiner une zone', 'Modifier les zones'],
};

/**
 * The legend leaves most of the map in sight (at most `share` of its height) and, in every mode, the mode's hint
 * sits clear of it.
 */
async function expectLegendClearOfHint(page: Page, language: 'en' | 'fr', share: number) {
  const map = (await page.getByTestId('map').boundingBox())!;
  const legend = (await page.locator('.map-legend').boundingBox())!;
  expect(legend.height).toBeLessThanOrEqual(map.height * share + 1);
  for (const mode of modeNames[language]) {
    await page.getByRole('button', { name: mode, exact: true }).click();
    const hint = (await page.locator('.map-hint').boundingBox())!;
    const apart =
      hint.x >= legend.x + legend.width ||
      hint.x + hint.width <= legend.x ||
      hint.y >= legend.y + legend.height ||
      hint.y + hint.height <= legend.y;
    expect(apart, `${mode}: hint ${JSON.stringify(hint)}, legend ${JSON.stringify(legend)}`).toBe(true);
    expect(hint.x + hint.width).toBeLessThanOrEqual(map.x + map.width);
  }
  await page.getByRole('button', { name: modeNames[language][0], exact: true }).click();
}

interface Territory {
  id: string;
  name: string;
  parentId: string | null;
  geography: { regions: string[]; areas: number[][][][] };
}

describe('map', () => {
  it('shows the basemap at world, Europe, France and US-county zoom', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await openSampleMap(page, server.url);
      await recordLabelTexts(page);
      await jump(page, [0, 30], 1.3);
      await screenshot(page, 'map-01-world');
      await jump(page, [10, 51], 3.6);
      await screenshot(page, 'map-02-europe');
      // Countries as a planner says them (CLDR's names), not ISO's official forms ("RUSSIAN FEDERATION").
      const europe = await labelTexts(page);
      expect(europe).toEqual(
        expect.arrayContaining(['RUSSIA', 'MOLDOVA', 'CZECHIA', 'NORTH MACEDONIA', 'Castile and León', 'Andalusia']),
      );
      expect(europe.join('|')).not.toMatch(/FEDERATION|REPUBLIC OF|, /);
      // Spain's autonomous communities in English, not in Spanish; Madrid's districts are no cities.
      await jump(page, [-3.5, 40], 5.5);
      await screenshot(page, 'map-02b-spain');
      const spain = await labelTexts(page);
      expect(spain).toEqual(
        expect.arrayContaining(['SPAIN', 'Catalonia', 'Basque Country', 'Castile and León', 'Extremadura', 'Madrid']),
      );
      for (const spanish of ['Andalucía', 'Cataluña', 'País Vasco', 'Castilla y León', 'Carabanchel', 'Latina'])
        expect(spain).not.toContain(spanish);
      await jump(page, [2.5, 46.6], 5);
      await screenshot(page, 'map-03-france-regions');
      await jump(page, [2.4, 48.6], 7);
      await screenshot(page, 'map-04-france-departements');
      await jump(page, [-87.9, 41.9], 7.2);
      await screenshot(page, 'map-05-us-counties');
      // French labels in French: the map reads the UI language.
      const canvasHasLabels = await page.evaluate(() => {
        const canvas = document.querySelector('canvas.map-labels') as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
        return inked;
      });
      expect(canvasHasLabels).toBeGreaterThan(500);

      // 200 % zoom (a 1440 × 900 window lays out as 720 × 450 CSS px): the toolbar holds on one row, the modes as
      // icons named by their tooltip, the other tools behind "More map tools", reached by keyboard.
      await page.setViewportSize({ width: 720, height: 450 });
      await jump(page, [10, 51], 3);
      const toolbar = page.getByRole('toolbar', { name: 'Map tools' });
      expect((await toolbar.boundingBox())!.height).toBeLessThan(45);
      const lassoButton = page.getByRole('button', { name: 'Lasso select' });
      expect(await lassoButton.getAttribute('title')).toBe('Lasso select (Ctrl+Shift+L)');
      const exportButton = page.getByRole('button', { name: 'Export as PNG' });
      expect(await exportButton.isVisible()).toBe(false);
      await screenshot(page, 'map-14-zoom-200');
      // The legend takes at most half the map's height (its list scrolls), the hints sit beside it, in both languages.
      await expectLegendClearOfHint(page, 'en', 0.5);
      // Place names follow a switch of language with the map open ("SPAIN" becomes "ESPAGNE", "London" "Londres").
      await recordLabelTexts(page);
      // London clear of the legend.
      await jump(page, [2, 51], 3);
      expect(await labelTexts(page)).toContain('London');
      const englishNames = await labelPixels(page);
      expect(await mapControlWords(page)).toEqual(['Zoom in', 'Zoom out', 'Show or hide the map credits']);
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await expect.poll(() => labelPixels(page)).not.toBe(englishNames);
      const frenchTexts: string[] = [];
      await expect.poll(async () => frenchTexts.push(...(await labelTexts(page))) && frenchTexts).toContain('Londres');
      expect(frenchTexts).not.toContain('London');
      await jump(page, [10, 51], 3);
      // So do MapLibre's own controls, titles and names (built in English with the map).
      await expect
        .poll(() => mapControlWords(page))
        .toEqual(['Zoom avant', 'Zoom arrière', 'Afficher ou masquer les crédits de la carte']);
      expect(await page.getByRole('button', { name: 'Zoom avant' }).getAttribute('title')).toBe('Zoom avant');
      expect(await page.locator('.maplibregl-canvas').getAttribute('aria-label')).toMatch(/^Fond de carte/);
      await page.getByRole('button', { name: 'Choisir des régions', exact: true }).click();
      await screenshot(page, 'map-16-zoom-200-fr');
      await expectLegendClearOfHint(page, 'fr', 0.5);
      await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
      const more = page.getByRole('button', { name: 'More map tools' });
      await more.focus();
      await page.keyboard.press('Enter');
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.parentElement?.textContent)).toBe('Size by revenue');
      expect(await exportButton.isVisible()).toBe(true);
      await screenshot(page, 'map-15-zoom-200-more');
      await page.keyboard.press('Escape');
      expect(await exportButton.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('More map tools');
      // Back to a wide window: every tool in the toolbar again.
      await page.setViewportSize({ width: 1440, height: 900 });
      await expect.poll(() => exportButton.isVisible()).toBe(true);
      expect(await more.isVisible()).toBe(false);
      await expectLegendClearOfHint(page, 'en', 1);
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });

  it('picks two regions and draws an area for a territory, runs rules and sees the accounts recoloured and counted', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await openSampleMap(page, server.url);
      const planId = await page.evaluate(() => localStorage.length >= 0 && null);
      void planId;
      const plans = await call<{ id: string; name: string }[]>(page, 'listPlans', {});
      const plan = plans.find((p) => p.name.includes('Sample'))!;
      const territories = await call<Territory[]>(page, 'listTerritories', { planId: plan.id });
      const root = territories.find((t) => t.parentId === null)!;
      // Setup: a territory whose rule reads its geography ("in its regions" or "within its drawn area").
      const rockies = await call<Territory>(page, 'createTerritory', {
        planId: plan.id,
        parentId: root.id,
        name: 'Rockies',
        code: 'ROCK',
        color: '#0891b2',
      });
      await call(page, 'updateTerritory', { planId: plan.id, territoryId: rockies.id, patch: { priority: -100 } });
      await page.getByLabel('Territory', { exact: true }).selectOption({ label: 'Rockies' });
      await jump(page, [-110, 38], 4.2);
      // Pick Utah, then Arizona with Shift held: two regions selected.
      await page.getByRole('button', { name: 'Pick regions' }).click();
      // Under load the first-level regions are cut and drawn seconds after the countries: a click before picks nothing.
      await pickableAt(page, -111.6, 39.3, 'regions');
      await pickableAt(page, -111.7, 34.3, 'regions');
      const utah = await pixel(page, -111.6, 39.3);
      await page.mouse.click(utah.x, utah.y);
      const arizona = await pixel(page, -111.7, 34.3);
      await page.keyboard.down('Shift');
      await page.mouse.click(arizona.x, arizona.y);
      await page.keyboard.up('Shift');
      const selection = page.getByRole('region', { name: 'Selection' });
      await expect.poll(() => selection.getByRole('status').first().textContent()).toContain('2 regions selected');
      expect(await selection.textContent()).toContain('Utah');
      expect(await selection.textContent()).toContain('Arizona');
      await selection.getByRole('button', { name: 'Add to Rockies' }).click();
      await expect
        .poll(
          async () =>
            (await call<Territory[]>(page, 'listTerritories', { planId: plan.id })).find((t) => t.id === rockies.id)!
              .geography.regions,
        )
        .toEqual(['US-UT', 'US-AZ']);
      await selection.getByRole('button', { name: 'Clear selection' }).click();

      // Draw an area around Denver: four corners, then the first again to close it.
      await page.getByRole('button', { name: 'Draw an area' }).click();
      const corners: [number, number][] = [
        [-106.2, 38.6],
        [-103.6, 38.6],
        [-103.6, 40.9],
        [-106.2, 40.9],
        [-106.2, 38.6],
      ];
      await clickCorners(page, corners);
      await expect
        .poll(
          async () =>
            (await call<Territory[]>(page, 'listTerritories', { planId: plan.id })).find((t) => t.id === rockies.id)!
              .geography.areas.length,
        )
        .toBe(1);
      await page.getByRole('button', { name: 'Move the map' }).click();
      await page.waitForTimeout(500);
      await screenshot(page, 'map-06-drawn-territory');

      // The territory's rule reads its geography: "in its regions" or "within its drawn area".
      await call(page, 'createRule', {
        planId: plan.id,
        territoryId: rockies.id,
        recordKind: 'account',
        conditions: [
          { field: '', operator: 'inRegions', value: [] },
          { field: '', operator: 'withinArea', value: null },
        ],
        pattern: '1 OR 2',
      });

      // Run and apply the rules: Salt Lake City, Phoenix and Denver accounts go to Rockies.
      await page.getByRole('button', { name: 'Rules', exact: true }).click();
      await page.getByRole('button', { name: 'Run rules', exact: true }).click();
      await page.getByRole('button', { name: 'Apply' }).click();
      const rockiesOption = page.getByRole('option', { name: /^Rockies/ });
      await expect
        .poll(async () =>
          Number(((await rockiesOption.locator('.rules-territory-count').textContent()) ?? '').replace(/[^0-9]/g, '')),
        )
        .toBeGreaterThan(0);
      const counted = Number(
        ((await rockiesOption.locator('.rules-territory-count').textContent()) ?? '').replace(/[^0-9]/g, ''),
      );

      await page.getByRole('button', { name: 'Map', exact: true }).click();
      const legend = page.getByRole('list', { name: 'Territories on the map' });
      const entry = legend.getByRole('button', { name: /Rockies/ });
      await entry.waitFor();
      expect(Number(((await entry.textContent()) ?? '').replace(/[^0-9]/g, ''))).toBe(counted);
      await page.waitForFunction(() => 'territoryMap' in window);
      await jump(page, [-108, 37.5], 4.6);
      // The points at Denver are drawn in Rockies' colour now.
      const colour = await colourAt(page, -104.99, 39.74);
      // #0891b2 blended over the basemap: blue-green, not the grey of unplaced accounts nor another territory's.
      expect(colour[2]).toBeGreaterThan(colour[0] + 40);
      await screenshot(page, 'map-07-rockies-after-rules');
    } finally {
      await context.close();
      removeProfile(profile);
    }
    // Rules run over the sample and two camera jumps: more than the default budget on a loaded machine.
  }, 240_000);
  it('draws an area over Lake Michigan: the lake stays water while drawing, once saved and while editing', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await openSampleMap(page, server.url);
      const plans = await call<{ id: string; name: string }[]>(page, 'listPlans', {});
      const plan = plans.find((p) => p.name.includes('Sample'))!;
      const territories = await call<Territory[]>(page, 'listTerritories', { planId: plan.id });
      const root = territories.find((t) => t.parentId === null)!;
      const red = '#dc2626';
      const purple = '#7c3aed';
      await call(page, 'createTerritory', {
        planId: plan.id,
        parentId: root.id,
        name: 'Lakeshore',
        code: 'LAKE',
        color: red,
      });
      await call(page, 'createTerritory', {
        planId: plan.id,
        parentId: root.id,
        name: 'Harbour',
        code: 'HARB',
        color: purple,
      });
      const areasOf = async (name: string) =>
        (await call<Territory[]>(page, 'listTerritories', { planId: plan.id })).find((t) => t.name === name)!.geography
          .areas.length;
      await page.getByLabel('Territory', { exact: true }).selectOption({ label: 'Lakeshore' });
      await jump(page, [-87.7, 41.9], 7);
      // A box from the Fox River to the middle of the lake: Aurora on land, open water east of Chicago.
      const land: [number, number] = [-88.35, 41.62];
      const lake: [number, number] = [-87.2, 42.05];
      // Indiana south of the lake: land no territory shades.
      const unshaded: [number, number] = [-87.2, 41.5];
      expect(isWater(await colourAt(page, ...lake)), 'the lake before any area').toBe(true);
      const plain = await colourAt(page, ...land);
      await page.getByRole('button', { name: 'Draw an area' }).click();
      const corners: [number, number][] = [
        [-88.6, 41.45],
        [-86.95, 41.45],
        [-86.95, 42.35],
        [-88.6, 42.35],
      ];
      await clickCorners(page, corners);
      // Being drawn (terra-draw's fill): the land inside is tinted, in the territory's red; the lake is not.
      await expect.poll(async () => (await colourAt(page, ...land)).join()).not.toBe(plain.join());
      const [r, , b] = await colourAt(page, ...unshaded);
      expect(r, 'Indiana inside the area, red-tinted').toBeGreaterThan(b + 20);
      // The corners are handles in the territory's red ringed in white (a 6 px disc, a 2 px ring), not terra-draw's
      // blue: the second corner (the first and the last are the larger closing handles, 7 px and a 3 px ring).
      const drawnCorner = await handleAt(page, ...corners[1], -5, -5);
      expect(near(drawnCorner.centre, red, 12), `corner ${drawnCorner.centre.join()}`).toBe(true);
      expect(near(drawnCorner.ring, '#ffffff', 20), `ring ${drawnCorner.ring.join()}`).toBe(true);
      const closing = await handleAt(page, ...corners[0], 6, -6);
      expect(near(closing.centre, red, 12), `closing corner ${closing.centre.join()}`).toBe(true);
      expect(near(closing.ring, '#ffffff', 20), `closing ring ${closing.ring.join()}`).toBe(true);
      await screenshot(page, 'map-17-area-over-lake-drawing');
      expect(isWater(await colourAt(page, ...lake)), 'the lake while drawing').toBe(true);
      const first = await pixel(page, ...corners[0]);
      await page.mouse.click(first.x, first.y);
      await expect
        .poll(
          async () =>
            (await call<Territory[]>(page, 'listTerritories', { planId: plan.id })).find((t) => t.name === 'Lakeshore')!
              .geography.areas.length,
        )
        .toBe(1);
      // Saved (the map's own fill of areas).
      await page.getByRole('button', { name: 'Move the map' }).click();
      await jump(page, [-87.7, 41.9], 7);
      await screenshot(page, 'map-18-area-over-lake-saved');
      expect((await colourAt(page, ...land)).join()).not.toBe(plain.join());
      expect(isWater(await colourAt(page, ...lake)), 'the lake under a saved area').toBe(true);
      // Edited (terra-draw's fill again, over the saved one).
      await page.getByRole('button', { name: 'Edit areas' }).click();
      await jump(page, [-87.7, 41.9], 7);
      expect(isWater(await colourAt(page, ...lake)), 'the lake while editing').toBe(true);
      // Selected: its corners and midpoints are handles in the territory's red, ringed in white.
      const inside = await pixel(page, ...land);
      await page.mouse.click(inside.x, inside.y);
      const deleteArea = page.getByRole('button', { name: 'Delete selected area' });
      await deleteArea.waitFor();
      await page.waitForTimeout(300);
      const editedCorner = await handleAt(page, ...corners[1], -5, -5);
      expect(near(editedCorner.centre, red, 12), `edited corner ${editedCorner.centre.join()}`).toBe(true);
      expect(near(editedCorner.ring, '#ffffff', 20), `edited ring ${editedCorner.ring.join()}`).toBe(true);
      // The midpoint of the southern edge: red at 75 % over the tinted land, ringed in white (4.5 px, 2 px ring).
      const [west, east] = [await pixel(page, ...corners[0]), await pixel(page, ...corners[1])];
      const middle = { x: (west.x + east.x) / 2, y: (west.y + east.y) / 2 };
      const [mr, mg, mb] = await colourAtPixel(page, middle);
      expect(mr > mg + 80 && mr > mb + 80, `midpoint ${[mr, mg, mb].join()}`).toBe(true);
      const midRing = await colourAtPixel(page, { x: middle.x, y: middle.y - 5.5 });
      expect(near(midRing, '#ffffff', 25), `midpoint ring ${midRing.join()}`).toBe(true);
      // terra-draw has no hover style for handles; the pointer says what a drag does: grab a corner, add a midpoint.
      const cursor = () =>
        page.evaluate(() => (document.querySelector('.maplibregl-canvas') as HTMLElement).style.cursor);
      await page.mouse.move(east.x, east.y);
      await expect.poll(cursor).toBe('grab');
      await page.mouse.move(middle.x, middle.y);
      await expect.poll(cursor).toBe('copy');
      await screenshot(page, 'map-19-area-over-lake-editing');
      // A midpoint dragged south adds a corner there, saved: five corners (and the first again, closing the ring),
      // the southernmost below the old edge. The area stays selected for the next drag.
      const savedRing = async () =>
        (await call<Territory[]>(page, 'listTerritories', { planId: plan.id })).find((t) => t.name === 'Lakeshore')!
          .geography.areas[0][0];
      const southernmost = async () => Math.min(...(await savedRing()).map(([, lat]) => lat));
      expect((await savedRing()).length).toBe(5);
      const below = { x: middle.x, y: middle.y + 20 };
      const plainBelow = (await colourAtPixel(page, below)).join();
      await page.mouse.down();
      for (let step = 1; step <= 5; step++) await page.mouse.move(middle.x, middle.y + step * 8);
      await page.mouse.up();
      await expect.poll(async () => (await savedRing()).length).toBe(6);
      await expect.poll(southernmost).toBeLessThan(corners[0][1] - 0.05);
      await deleteArea.waitFor();
      expect((await colourAtPixel(page, below)).join(), 'inside the dragged area').not.toBe(plainBelow);
      // Undone, terra-draw shows the area as saved again (the corner back on the edge); redone, dragged again.
      await page.getByRole('button', { name: /^Undo/ }).click();
      await expect.poll(southernmost).toBeCloseTo(corners[0][1], 3);
      await expect.poll(async () => (await colourAtPixel(page, below)).join()).toBe(plainBelow);
      await page.getByRole('button', { name: /^Redo/ }).click();
      await expect.poll(southernmost).toBeLessThan(corners[0][1] - 0.05);
      // Selected again, the dragged corner is a handle where it was dropped.
      await page.mouse.click(inside.x, inside.y);
      await deleteArea.waitFor();
      await page.waitForTimeout(300);
      const dropped = await colourAtPixel(page, { x: middle.x, y: middle.y + 40 });
      expect(near(dropped, red, 12), `dropped corner ${dropped.join()}`).toBe(true);
      // Escape lets go of the area and stays in the mode; Delete removes the selected area, and saves it.
      await page.keyboard.press('Escape');
      await deleteArea.waitFor({ state: 'detached' });
      expect(await page.getByRole('button', { name: 'Edit areas' }).getAttribute('aria-pressed')).toBe('true');
      // So does "Clear selection".
      await page.mouse.click(inside.x, inside.y);
      await deleteArea.waitFor();
      await page.getByRole('button', { name: 'Clear selection' }).click();
      await deleteArea.waitFor({ state: 'detached' });
      // No handle: no white ring beside the corner (its centre stays red: the outline's corner).
      await expect
        .poll(async () => near((await handleAt(page, ...corners[1], -5, -5)).ring, '#ffffff', 20))
        .toBe(false);
      await page.mouse.click(inside.x, inside.y);
      await deleteArea.waitFor();
      await page.keyboard.press('Delete');
      await expect.poll(() => areasOf('Lakeshore')).toBe(0);
      await deleteArea.waitFor({ state: 'detached' });

      // Another territory chosen while drawing: the handles take its colour. Escape cancels the area, unsaved.
      await page.getByRole('button', { name: 'Draw an area' }).click();
      await page.getByLabel('Territory', { exact: true }).selectOption({ label: 'Harbour' });
      await clickCorners(page, corners.slice(0, 3));
      const harbourCorner = await handleAt(page, ...corners[1], -5, -5);
      expect(near(harbourCorner.centre, purple, 12), `Harbour's corner ${harbourCorner.centre.join()}`).toBe(true);
      expect(near(harbourCorner.ring, '#ffffff', 20), `Harbour's ring ${harbourCorner.ring.join()}`).toBe(true);
      await screenshot(page, 'map-20-drawing-other-territory');
      await page.keyboard.press('Escape');
      expect(await page.getByRole('button', { name: 'Move the map' }).getAttribute('aria-pressed')).toBe('true');
      await page.waitForTimeout(500);
      expect(await areasOf('Harbour')).toBe(0);
      expect(near((await handleAt(page, ...corners[1], -5, -5)).centre, purple, 40), 'no handle left').toBe(false);
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });

  it('lassoes accounts, places them by hand in a territory, and undoes and redoes it', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile);
    try {
      await openSampleMap(page, server.url);
      const legend = page.getByRole('list', { name: 'Territories on the map' });
      const countOf = async (name: RegExp) => {
        const entry = legend.getByRole('button', { name });
        if ((await entry.count()) === 0) return 0;
        return Number(((await entry.textContent()) ?? '').replace(/[^0-9]/g, ''));
      };
      await expect.poll(() => countOf(/^France Nord/)).toBeGreaterThan(0);
      const nordBefore = await countOf(/^France Nord/);
      const sudBefore = await countOf(/^France Sud/);
      // Around Lyon: France Sud's accounts, lassoed and placed by hand in France Nord.
      await jump(page, [4.85, 45.75], 7);
      await page.getByLabel('Territory', { exact: true }).selectOption({ label: 'France Nord' });
      await page.getByRole('button', { name: 'Lasso select' }).click();
      const ring: [number, number][] = [
        [4.2, 45.4],
        [5.5, 45.4],
        [5.5, 46.1],
        [4.2, 46.1],
      ];
      const corners = [];
      for (const [lon, lat] of ring) corners.push(await pixel(page, lon, lat));
      await page.mouse.move(corners[0].x, corners[0].y);
      await page.mouse.down();
      for (const c of [...corners.slice(1), corners[0]]) await page.mouse.move(c.x, c.y, { steps: 5 });
      await page.mouse.up();
      const selection = page.getByRole('region', { name: 'Selection' });
      const status = selection.getByRole('status').filter({ hasText: 'accounts selected' });
      await status.waitFor();
      const selected = Number(((await status.textContent()) ?? '').replace(/[^0-9]/g, ''));
      expect(selected).toBeGreaterThan(0);
      // The accounts inside the lasso (a box in longitude and latitude), counted from the model's own points.
      const plans = await call<{ id: string; name: string }[]>(page, 'listPlans', {});
      const planId = plans.find((p) => p.name.includes('Sample'))!.id;
      const inside = await page.evaluate(
        async ([id, box]) => {
          const w = window as unknown as { territory: { call: Call } };
          const answer = await w.territory.call('getRecordPoints', { kind: 'account', planId: id });
          const { lonLat } = answer.value as { lonLat: Float32Array };
          let n = 0;
          for (let i = 0; i < lonLat.length; i += 2) {
            const [x, y] = [lonLat[i], lonLat[i + 1]];
            if (x > box[0] && x < box[2] && y > box[1] && y < box[3]) n++;
          }
          return n;
        },
        [planId, [ring[0][0], ring[0][1], ring[2][0], ring[2][1]]] as const,
      );
      expect(selected).toBe(inside);
      await screenshot(page, 'map-08-lasso-selected');
      await selection.getByRole('button', { name: 'Place in France Nord by hand' }).click();
      await expect.poll(() => countOf(/^France Nord/)).toBe(nordBefore + selected);
      expect(await countOf(/^France Sud/)).toBe(sudBefore - selected);
      await screenshot(page, 'map-09-lasso-placed');

      // One undo gives them back to France Sud, one redo places them again.
      await page.getByRole('button', { name: /^Undo/ }).click();
      await expect.poll(() => countOf(/^France Nord/)).toBe(nordBefore);
      expect(await countOf(/^France Sud/)).toBe(sudBefore);
      await page.getByRole('button', { name: /^Redo/ }).click();
      await expect.poll(() => countOf(/^France Nord/)).toBe(nordBefore + selected);
      expect(await countOf(/^France Sud/)).toBe(sudBefore - selected);
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });
  it('shows the map in French: world, Europe, régions, départements, US counties and a drawn territory', async () => {
    const profile = newProfileDir();
    const { context, page } = await launchApp(profile, { locale: 'fr-FR' });
    try {
      await page.goto(server.url);
      await page.getByRole('button', { name: 'Ouvrir le plan d’exemple' }).click();
      await expect.poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 }).toBe(1);
      // Setup through the bridge: a territory with a drawn area around Lyon, and Paris picked by its map key.
      const plans = await call<{ id: string; name: string }[]>(page, 'listPlans', {});
      const plan = plans[0];
      const territories = await call<Territory[]>(page, 'listTerritories', { planId: plan.id });
      const nord = territories.find((t) => t.name === 'France Nord')!;
      const lyon = await call<Territory>(page, 'createTerritory', {
        planId: plan.id,
        parentId: territories.find((t) => t.parentId === null)!.id,
        name: 'Lyon Métropole',
        code: 'LYO',
        color: '#db2777',
      });
      await call(page, 'setTerritoryGeography', {
        planId: plan.id,
        territoryId: lyon.id,
        geography: {
          regions: [],
          postalPrefixes: [],
          areas: [
            [
              [
                [4.6, 45.6],
                [5.1, 45.6],
                [5.1, 45.95],
                [4.6, 45.95],
                [4.6, 45.6],
              ],
            ],
          ],
        },
      });
      await call(page, 'changeTerritoryRegions', { planId: plan.id, territoryId: nord.id, add: ['FR-75'], remove: [] });
      // Spain's single-province communities under their ISO codes, as Start from data and the pickers give them.
      const spainNorth = await call<Territory>(page, 'createTerritory', {
        planId: plan.id,
        parentId: territories.find((t) => t.parentId === null)!.id,
        name: 'Espagne îles et Nord',
        code: 'ESN',
        color: '#0891b2',
      });
      await call(page, 'changeTerritoryRegions', {
        planId: plan.id,
        territoryId: spainNorth.id,
        add: ['ES-NC', 'ES-MC', 'ES-IB', 'ES-RI'],
        remove: [],
      });
      // Masovia picked by its map key (Natural Earth's old letter code PL-MZ), Silesia, Prague and Central Bohemia
      // by their ISO codes of today, as Start from data and the pickers give them.
      const centralEast = await call<Territory>(page, 'createTerritory', {
        planId: plan.id,
        parentId: territories.find((t) => t.parentId === null)!.id,
        name: 'Mazovie, Silésie et Bohême',
        code: 'MSB',
        color: '#0891b2',
      });
      await call(page, 'changeTerritoryRegions', {
        planId: plan.id,
        territoryId: centralEast.id,
        add: ['PL-MZ', 'PL-24', 'CZ-10', 'CZ-20'],
        remove: [],
      });
      const stored = await call<Territory[]>(page, 'listTerritories', { planId: plan.id });
      // A map pick of Paris is stored under its ISO code of today.
      expect(stored.find((t) => t.id === nord.id)!.geography.regions).toContain('FR-75C');
      expect(stored.find((t) => t.id === centralEast.id)!.geography.regions).toEqual([
        'PL-14',
        'PL-24',
        'CZ-10',
        'CZ-20',
      ]);
      await page.getByRole('button', { name: 'Carte', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'comptes localisés' }).waitFor();
      await page.waitForFunction(() => 'territoryMap' in window, null, { timeout: 60_000 });
      await recordLabelTexts(page);
      await jump(page, [0, 30], 1.3);
      await screenshot(page, 'map-fr-01-world');
      // Cities in French too ("Londres", not "London"), not only countries.
      const world = await labelTexts(page);
      expect(world).toContain('Shanghai');
      for (const english of ['Moscow', 'Mexico City', 'Beijing', 'New York City', 'Mumbai'])
        expect(world).not.toContain(english);
      await jump(page, [10, 51], 3.6);
      await screenshot(page, 'map-fr-02-europe');
      const europe = await labelTexts(page);
      expect(europe).toContain('Londres');
      expect(europe).not.toContain('London');
      expect(europe).toEqual(
        expect.arrayContaining([
          'RUSSIE',
          'MOLDAVIE',
          'TCHÉQUIE',
          'MACÉDOINE DU NORD',
          'Castille-et-León',
          'Andalousie',
        ]),
      );
      await jump(page, [-3.5, 40], 5.5);
      await screenshot(page, 'map-fr-02c-spain');
      // Navarre, Murcia, Majorca and La Rioja are shaded in the territory's colour (#0891b2) over Iberia's orange:
      // much bluer than Aragon and Castile-La Mancha next to them, which only Iberia covers.
      const blueness = async ([lon, lat]: readonly [number, number]) => {
        const [r, , b] = await colourAt(page, lon, lat);
        return b - r;
      };
      const others = [await blueness([-0.5, 41.3]), await blueness([-2.5, 39.3])];
      for (const at of [
        [-1.65, 42.55],
        [-1.5, 38.1],
        [2.95, 39.6],
        [-2.5, 42.3],
      ] as const) {
        expect(await blueness(at), at.join(',')).toBeGreaterThan(Math.max(...others) + 40);
      }
      const spain = await labelTexts(page);
      expect(spain).toEqual(
        expect.arrayContaining(['ESPAGNE', 'Catalogne', 'Pays basque', 'Castille-et-León', 'Estrémadure', 'Séville']),
      );
      for (const other of ['Extremadura', 'Catalonia', 'Cataluña', 'País Vasco', 'Castilla y León', 'Seville'])
        expect(spain).not.toContain(other);
      await jump(page, [12, 49], 5);
      await screenshot(page, 'map-fr-02b-central-europe');
      // Masovia, Silesia, Prague and Central Bohemia, drawn under old codes (PL-MZ, PL-SL, CZ-PR, CZ-ST), are shaded
      // in the territory's colour: much bluer than Greater Poland, Lublin, South Bohemia and Vysočina.
      const othersCentral = [
        await blueness([17.5, 52.0]),
        await blueness([22.5, 51.0]),
        await blueness([14.0, 49.0]),
        await blueness([15.6, 49.5]),
      ];
      for (const at of [
        [20.6, 51.8],
        [21.6, 52.7],
        [18.6, 50.6],
        [14.5, 50.05],
        [14.9, 49.75],
      ] as const) {
        expect(await blueness(at), at.join(',')).toBeGreaterThan(Math.max(...othersCentral) + 40);
      }
      const central = await labelTexts(page);
      expect(central).toEqual(expect.arrayContaining(['Vienne', 'Varsovie', 'Munich', 'Cologne']));
      expect(central).not.toContain('Köln');
      await jump(page, [2.5, 46.6], 5);
      await screenshot(page, 'map-fr-03-france-regions');
      await jump(page, [2.4, 48.6], 7);
      await screenshot(page, 'map-fr-04-france-departements');
      await jump(page, [-87.9, 41.9], 7.2);
      await screenshot(page, 'map-fr-05-us-counties');
      await jump(page, [4.85, 45.75], 8);
      await screenshot(page, 'map-fr-06-drawn-territory');
      expect(await page.getByRole('toolbar', { name: 'Outils de la carte' }).textContent()).toContain('Dessiner');
    } finally {
      await context.close();
      removeProfile(profile);
    }
  });

  for (const locale of ['en', 'fr'] as const) {
    it(`[${locale}] shades Start from data territories, lassoes regions only, and keeps a final plan read-only`, async () => {
      const fr = locale === 'fr';
      const words = fr
        ? {
            sample: 'Ouvrir le plan d’exemple',
            map: 'Carte',
            located: 'comptes localisés',
            lasso: 'Sélection au lasso',
            regions: 'Des régions',
            accounts: 'Des comptes',
            regionsSelected: /régions? sélectionnées?/,
            accountsSelected: /comptes? sélectionnés?/,
            draw: 'Dessiner une zone',
            selection: 'Sélection',
            readOnly: 'la carte le montre sans pouvoir le modifier',
            plan: /^Plan :/,
            add: /^Ajouter à/,
            territory: 'Territoire',
            hintReadOnly: 'surtout dans le lasso et les lister',
            hintAdd: 'ajoutez-les',
          }
        : {
            sample: 'Open the sample plan',
            map: 'Map',
            located: 'accounts located',
            lasso: 'Lasso select',
            regions: 'Regions',
            accounts: 'Accounts',
            regionsSelected: /regions? selected/,
            accountsSelected: /accounts? selected/,
            draw: 'Draw an area',
            selection: 'Selection',
            readOnly: 'the map shows it but cannot change it',
            plan: /^Plan:/,
            add: /^Add to/,
            territory: 'Territory',
            hintReadOnly: 'mostly inside the lasso and list them',
            hintAdd: 'add them',
          };
      const profile = newProfileDir();
      const { context, page } = await launchApp(profile, fr ? { locale: 'fr-FR' } : undefined);
      try {
        await page.goto(server.url);
        await page.getByRole('button', { name: words.sample }).click();
        await expect
          .poll(() => page.getByRole('treeitem', { name: 'France Nord' }).count(), { timeout: 60_000 })
          .toBe(1);
        // Setup through the bridge: a new plan over the sample's accounts, built by Start from data (Country →
        // Region, with rules); the planner then opens it from the plan switcher.
        const plan = await call<{ id: string }>(page, 'createPlan', { name: 'From data' });
        await call(page, 'updatePlan', { planId: plan.id, patch: { excludedDataSetIds: [] } });
        const [root] = await call<Territory[]>(page, 'listTerritories', { planId: plan.id });
        await call(page, 'generateHierarchyFromData', {
          planId: plan.id,
          parentId: root.id,
          levels: [{ field: 'country' }, { field: 'region' }],
          withRules: true,
        });
        await page.getByRole('button', { name: words.plan }).click();
        await page.getByRole('menuitemradio', { name: /From data/ }).click();
        await expect.poll(() => page.getByRole('button', { name: words.plan }).textContent()).toContain('From data');
        await page.getByRole('button', { name: words.map, exact: true }).click();
        await page.getByRole('status').filter({ hasText: words.located }).waitFor();
        await page.waitForFunction(() => 'territoryMap' in window, null, { timeout: 60_000 });

        // Shaded at once: France (a Country territory) and Île-de-France (a Region territory) carry their colour.
        const fillOf = (source: string, id: string) =>
          page.evaluate(
            ([s, i]) => {
              const map = (
                window as unknown as {
                  territoryMap: { getFeatureState(f: { source: string; id: string }): { fill?: string } };
                }
              ).territoryMap;
              return map.getFeatureState({ source: s, id: i }).fill ?? null;
            },
            [source, id] as const,
          );
        await expect.poll(() => fillOf('world', 'FR')).toMatch(/^#[0-9a-f]{6}$/);
        await expect.poll(() => fillOf('world', 'FR-IDF')).toMatch(/^#[0-9a-f]{6}$/);
        expect(await fillOf('world', 'DE')).toMatch(/^#[0-9a-f]{6}$/);
        await jump(page, [0, 30], 1.3);
        await screenshot(page, `map-${locale}-10-world-start-from-data`);
        await jump(page, [2.5, 46.6], 5);
        await screenshot(page, `map-${locale}-11-france-start-from-data`);

        // Lasso, regions only: the accounts inside are not selected.
        await page.getByRole('button', { name: words.lasso }).click();
        await page.getByRole('radio', { name: words.regions }).check();
        const ring: [number, number][] = [
          [0.5, 45.5],
          [4.5, 45.5],
          [4.5, 49.5],
          [0.5, 49.5],
        ];
        const corners = [];
        for (const [lon, lat] of ring) corners.push(await pixel(page, lon, lat));
        await page.mouse.move(corners[0].x, corners[0].y);
        await page.mouse.down();
        for (const c of [...corners.slice(1), corners[0]]) await page.mouse.move(c.x, c.y, { steps: 5 });
        await page.mouse.up();
        const selection = page.getByRole('region', { name: words.selection });
        const regionsStatus = selection.getByRole('status').filter({ hasText: words.regionsSelected });
        await regionsStatus.waitFor();
        expect(Number(((await regionsStatus.textContent()) ?? '').replace(/[^0-9]/g, ''))).toBeGreaterThan(1);
        expect(await selection.getByRole('status').filter({ hasText: words.accountsSelected }).count()).toBe(0);
        // Île-de-France lies inside the lasso: listed by code and name.
        expect(await selection.textContent()).toContain('FR-IDF');
        await screenshot(page, `map-${locale}-12-lasso-regions`);
        // The same lasso for accounts selects accounts only.
        await page.getByRole('radio', { name: words.accounts }).check();
        await page.mouse.move(corners[0].x, corners[0].y);
        await page.mouse.down();
        for (const c of [...corners.slice(1), corners[0]]) await page.mouse.move(c.x, c.y, { steps: 5 });
        await page.mouse.up();
        await selection.getByRole('status').filter({ hasText: words.accountsSelected }).waitFor();
        expect(await selection.getByRole('status').filter({ hasText: words.regionsSelected }).count()).toBe(0);

        // Finalized (setup through the bridge), the map says why nothing can change and offers no edit.
        await page.getByRole('radio', { name: words.regions }).check();
        await page.mouse.move(corners[0].x, corners[0].y);
        await page.mouse.down();
        for (const c of [...corners.slice(1), corners[0]]) await page.mouse.move(c.x, c.y, { steps: 5 });
        await page.mouse.up();
        await regionsStatus.waitFor();
        await page.getByLabel(words.territory, { exact: true }).selectOption({ label: 'France' });
        const add = selection.getByRole('button', { name: words.add });
        expect(await add.isEnabled()).toBe(true);
        await call(page, 'setPlanStatus', { planId: plan.id, status: 'final' });
        const note = page.getByRole('note').filter({ hasText: words.readOnly });
        await note.waitFor();
        expect(await page.getByRole('button', { name: words.draw }).isDisabled()).toBe(true);
        expect(await add.isDisabled()).toBe(true);
        // The lasso's hint no longer offers to add what it selects: the read-only note says why.
        const hint = page.getByRole('note').filter({ hasText: words.hintReadOnly });
        await hint.waitFor();
        expect(await hint.textContent()).not.toContain(words.hintAdd);
        await screenshot(page, `map-${locale}-13-final-read-only`);
      } finally {
        await context.close();
        removeProfile(profile);
      }
    }, 240_000);
  }
});
