// The panel window's preload (bundled to CommonJS for the sandboxed renderer): exposes the API and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeApi } from './expose-api.ts';

exposeApi(contextBridge, ipcRenderer);
