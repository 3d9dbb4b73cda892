import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import config, { PLAN_FILE_EXTENSION } from '../../electron-builder.config';
import { FUSES, afterPack, packagedExecutable } from '../../scripts/afterPack';

const root = join(__dirname, '../..');
const require = createRequire(join(root, 'package.json'));

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration({ ...config }, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator is not a yes-man.
    await expect(validateConfiguration({ ...config, bogus: 1 }, new DebugLogger(false))).rejects.toThrow(/bogus/);
  });

  it('builds AppImage and deb on Linux, NSIS on Windows and dmg on macOS', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    // NSIS registers file associations only for a per-machine install.
    expect(config.nsis?.perMachine).toBe(true);
  });

  it('packs only the build into an ASAR and runs the fuse hook after packing', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    expect(JSON.stringify(config.files)).not.toMatch(/src|test|bench/);
    expect(config.afterPack).toBe(afterPack);
    // Fuses are flipped by our hook only, not a second time by electron-builder's electronFuses.
    expect(config.electronFuses).toBeUndefined();
  });

  it('associates plan files (.territory.json) with the app', () => {
    expect(PLAN_FILE_EXTENSION).toBe('territory.json');
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'territory.json', mimeType: 'application/x-territory-plan+json' }),
    ]);
  });

  it('points at real PNG icons of the sizes each platform needs', () => {
    const png = (file: string) => {
      const bytes = readFileSync(join(root, file));
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    };
    expect(png(config.mac!.icon as string)).toEqual({ width: 1024, height: 1024 });
    expect(png(config.win!.icon as string)).toEqual({ width: 256, height: 256 });
    expect(config.linux?.icon).toBe('resources/icons');
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(png(`resources/icons/${size}x${size}.png`)).toEqual({ width: size, height: size });
    }
  });

  it('keeps electron a devDependency (electron-builder refuses it in dependencies)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies.electron).toMatch(/^\^45\./);
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.config.ts');
  });
});

describe('fuses set at packaging', () => {
  it('turns RunAsNode, NODE_OPTIONS and --inspect off, ASAR integrity and ASAR-only on, file:// privileges off', () => {
    expect(FUSES.version).toBe(FuseVersion.V1);
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('flips them in the packaged executable of each platform', async () => {
    const flip = vi.fn(async () => 0);
    const packager = { appInfo: { productFilename: 'Territory Planner' }, executableName: 'territory-planner' };
    await afterPack({ appOutDir: '/out/linux-unpacked', electronPlatformName: 'linux', packager }, flip);
    expect(flip).toHaveBeenLastCalledWith('/out/linux-unpacked/territory-planner', FUSES);
    expect(packagedExecutable({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      '/o/Territory Planner.exe',
    );
    expect(packagedExecutable({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      '/o/Territory Planner.app',
    );
  });
});
