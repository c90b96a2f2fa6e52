import { type App, type BaseWindow, type Rectangle } from 'electron';
import { type ExternalOpener } from './security.ts';
/** Must run before the app is ready. */
export declare function enableCdp(app: Pick<App, 'commandLine'>, port: number): string;
export declare function cdpEndpoint(port: number): string;
/** A port free on loopback right now (for the DevTools protocol). */
export declare function freeLoopbackPort(): Promise<number>;
/** The window split: the legacy tool on the left, the docked panel on the right. */
export declare function splitBounds(size: {
    width: number;
    height: number;
}, panelWidth: number): {
    tool: Rectangle;
    panel: Rectangle;
};
export declare class Workspace {
    private readonly window;
    private readonly opts;
    private readonly views;
    private shown;
    constructor(window: BaseWindow, opts: {
        systems: Record<string, string>;
        shell: ExternalOpener;
        toolBounds: () => Rectangle;
    });
    /** Shows one system's view, opening it at its start URL the first time. */
    show(system: string): Promise<void>;
    layout(): void;
    close(): void;
}
