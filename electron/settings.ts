// The shell's own settings (electron-store, a JSON file in LEGWORK_HOME): the legacy systems the
// workspace opens and the panel's width. The core's settings (planner, LLM, agent) are the core's.
import Store from 'electron-store';

export interface ShellSettings {
  /** system name → the URL its view opens at */
  systems: Record<string, string>;
  panelWidth: number;
}

export const DEFAULT_SHELL_SETTINGS: ShellSettings = { systems: {}, panelWidth: 420 };

export function openShellSettings(home: string): Store<ShellSettings> {
  return new Store<ShellSettings>({
    name: 'shell-settings',
    cwd: home,
    defaults: DEFAULT_SHELL_SETTINGS,
    schema: {
      systems: { type: 'object', additionalProperties: { type: 'string', pattern: '^https?://' } },
      panelWidth: { type: 'number', minimum: 320, maximum: 1200 },
    },
  });
}
