// Our postinstall: fetch Electron's binary where that is possible, and carry on without it where not.
//
// package.json's `allowScripts` denies electron's own postinstall, so `npm install` never fails on a
// machine that cannot download the binary (no network beyond the npm registry, as on our CI). We run
// the same download here ourselves, tolerate its failure, and say which mode Legwork will start in.
// Set LEGWORK_SKIP_ELECTRON=1 (or ELECTRON_SKIP_BINARY_DOWNLOAD=1) to skip the attempt.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const say = (msg) => console.log(`legwork: ${msg}`);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) {
  say('electron is not installed (production install?); Legwork will run in browser mode.');
} else if (process.env.LEGWORK_SKIP_ELECTRON === '1' || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
  say('skipping the Electron binary download as asked; Legwork will run in browser mode.');
} else if (existsSync(path.join(dir, 'path.txt'))) {
  say('Electron binary present; `npm start` will use the desktop app.');
} else {
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'pipe', timeout: 120_000, encoding: 'utf8' });
  if (result.status === 0 && existsSync(path.join(dir, 'path.txt'))) {
    say('Electron binary downloaded; `npm start` will use the desktop app.');
  } else {
    const why = (result.stderr || result.error?.message || '').split('\n').find((l) => l.trim()) ?? 'unknown error';
    say(`could not download the Electron binary (${why.trim().slice(0, 160)}).`);
    say('That is fine: `npm start` runs Legwork in browser mode with Chromium instead.');
  }
}
