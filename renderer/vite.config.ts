// Builds the side panel into dist/panel/ (run from the repo root:
// `vite build --config renderer/vite.config.ts`). No imports on purpose: renderer/ may import only
// shared, zod, react, react-dom and zustand (scripts/check-boundaries.ts), and Vite 8 compiles
// TSX itself (the automatic JSX runtime comes from this folder's tsconfig.json).
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default {
  root: here,
  // relative asset URLs: the page is served at `/?token=…` in browser mode and from a file in Electron
  base: './',
  build: {
    outDir: `${here}../dist/panel`,
    emptyOutDir: true,
    sourcemap: true,
  },
};
