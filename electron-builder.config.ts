/**
 * `npm run dist`: installers for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg) from the electron-vite
 * build in out/. Fuses are flipped in scripts/afterPack.ts. Plan files (`*.territory.json`) open with the app.
 */
import type { Configuration } from 'electron-builder';
import { afterPack } from './scripts/afterPack';

/** The plan file the app writes with File > Export plan (the `.territory.json` format). */
export const PLAN_FILE_EXTENSION = 'territory.json';

const config: Configuration = {
  appId: 'app.territoryplanner.desktop',
  productName: 'Territory Planner',
  copyright: 'Copyright © Territory Planner team',
  directories: { output: 'dist', buildResources: 'resources' },
  // Only the build and the manifest: no sources, tests or benchmarks in the ASAR.
  files: ['out/**/*', 'package.json', '!**/*.map'],
  asar: true,
  electronLanguages: ['en', 'en-US', 'en-GB', 'fr'],
  afterPack,
  fileAssociations: [
    {
      ext: PLAN_FILE_EXTENSION,
      name: 'Territory plan',
      description: 'Territory Planner plan',
      mimeType: 'application/x-territory-plan+json',
      role: 'Editor',
    },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'resources/icons',
    synopsis: 'Offline sales territory planning',
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
  win: { target: ['nsis'], icon: 'resources/icons/256x256.png' },
  // File associations on Windows are registered only by a per-machine install.
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.business', icon: 'resources/icons/1024x1024.png' },
  dmg: { title: 'Territory Planner' },
};

export default config;
