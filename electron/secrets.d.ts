import type { Credentials, SecretVault } from '../core/api/handlers.ts';
/** The parts of Electron's safeStorage used here. */
export interface SafeStorageLike {
    isEncryptionAvailable(): boolean;
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
}
export declare class SafeStorageSecretStore implements SecretVault {
    private readonly safeStorage;
    private readonly file;
    constructor(safeStorage: SafeStorageLike, file: string);
    credentials(system: string): Promise<Credentials | undefined>;
    setCredentials(system: string, credentials: Credentials | null): Promise<void>;
    secret(name: string): Promise<string | undefined>;
    setSecret(name: string, value: string | null): Promise<void>;
    secretValues(): Promise<string[]>;
    private open;
    private seal;
    private load;
}
