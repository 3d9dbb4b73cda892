/** What the native menu (or, in a browser, the keyboard shortcuts) asks for: an app command, run by its id. */
import { desktop } from '../bridge';
import { runAppCommand } from './appActions';

export function startCommands(): void {
  desktop.onMenuCommand((command) => void runAppCommand(command.name));
}
