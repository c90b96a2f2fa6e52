// Where credentials come from: never from code. The desktop shell keeps them in the OS keychain
// (Electron safeStorage); the CLI and tests hand them over from their own configuration.
export interface Credentials {
  username: string;
  password: string;
}

export interface SecretStore {
  /** the credentials for one system, or undefined when none are kept */
  credentials(system: string): Promise<Credentials | undefined>;
  /** every secret value, so that evidence can be scrubbed of them */
  secretValues(): Promise<string[]>;
}

/** Credentials held in memory, handed over by a composition root (CLI config, tests). */
export class MemorySecretStore implements SecretStore {
  constructor(private readonly bySystem: Record<string, Credentials>) {}

  async credentials(system: string): Promise<Credentials | undefined> {
    return this.bySystem[system];
  }

  async secretValues(): Promise<string[]> {
    return Object.values(this.bySystem).map((c) => c.password);
  }
}
