/**
 * electron-builder's afterPack hook: flips Electron's fuses in the packaged binary before it is signed, so the
 * shipped app cannot be turned into a Node runtime or a debugger target, and loads only its own checked ASAR.
 * See https://www.electronjs.org/docs/latest/tutorial/fuses.
 */
import { FuseV1Options, FuseVersion, flipFuses, type FuseConfig } from '@electron/fuses';
import path from 'node:path';

export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node runtime.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code or certificates into main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and SIGUSR1 would open a debugger on main.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The ASAR is checked against the hash embedded at packaging (macOS, Windows) ...
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // ... and it is the only place the app's code is loaded from.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The app serves its pages from app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // macOS on Apple silicon: re-sign ad hoc after flipping (electron-builder signs properly afterwards).
  resetAdHocDarwinSignature: true,
} satisfies FuseConfig;

/** What electron-builder's AfterPackContext provides that the hook needs. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

/** The packaged Electron executable: `<name>.app` on macOS, `<name>.exe` on Windows, the executable name on Linux. */
export function packagedExecutable(context: PackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
  }
}

export async function afterPack(
  context: PackContext,
  flip: (executable: string, config: FuseConfig) => Promise<number> = flipFuses,
): Promise<void> {
  await flip(packagedExecutable(context), FUSES);
}
