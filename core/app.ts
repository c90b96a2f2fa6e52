// The core as one service: what both shells (Electron, browser mode) start. Not wired yet.
import type { ApiService, ServiceOptions } from './api/handlers.ts';

export async function createLegworkService(opts: ServiceOptions): Promise<ApiService & { close(): Promise<void> }> {
  void opts;
  throw new Error('createLegworkService: not wired yet');
}
