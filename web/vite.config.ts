import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const DIST = join(import.meta.dirname, 'dist');

interface ManifestChunk { file: string; css?: string[]; assets?: string[]; imports?: string[]; dynamicImports?: string[] }

/**
 * The files the app shell needs, from Vite's build manifest: the page's script and everything it
 * imports, statically or on demand (the pages), but the workflow diagram's library (mermaid and its
 * chunks), which the service worker caches when it is first used instead of on every install.
 */
function shellFiles(): Set<string> {
  const path = join(DIST, '.vite', 'manifest.json');
  const manifest = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk> : {};
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || key.includes('node_modules/mermaid/')) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    files.add(chunk.file);
    for (const f of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(f);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(k);
  };
  visit('index.html');
  return files;
}

// Built into web/dist, which the NestJS service serves at `/` (the API stays under /api/v1).
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'autoUpdate',
      injectRegister: null,
      manifest: {
        name: 'baove — Quản lý ca bảo vệ trẻ em',
        short_name: 'baove',
        description: 'Quản lý ca can thiệp bảo vệ trẻ em / Child-protection case management',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5d7a',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html}', 'icons/apple-touch-icon.png'],
        maximumFileSizeToCacheInBytes: 3_000_000,
        manifestTransforms: [(entries) => {
          const shell = shellFiles();
          return { manifest: entries.filter((e) => !e.url.startsWith('assets/') || shell.has(e.url)), warnings: [] };
        }],
      },
    }),
  ],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, manifest: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
