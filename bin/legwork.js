#!/usr/bin/env node
// The `legwork` command. Sources are TypeScript; tsx compiles them as they load.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
