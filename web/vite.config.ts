import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
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

/** The dictionaries: src/messages.ts and src/messages.more.ts (Vietnamese), src/messages.en.ts (English). */
const DICTIONARY = /\/src\/messages(\.en|\.more)?\.ts$/;

/**
 * Compiles the dictionaries' ICU messages to intl-messageformat's syntax trees at build time, so
 * the console ships no ICU parser (its import is pointed at the parser-less entry below). A message
 * that does not parse fails the build.
 */
function precompileMessages(): Plugin {
  return {
    name: 'baove-precompile-messages',
    async transform(code, id) {
      if (!DICTIONARY.test(id)) return null;
      // The module, its types stripped, is one exported object literal of strings: evaluate it.
      const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`) as Record<string, unknown>;
      const out = Object.entries(module).map(([name, dict]) => {
        const compiled = Object.fromEntries(Object.entries(dict as Record<string, string>).map(([key, text]) => [key, parse(text, { ignoreTag: true })]));
        return `export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(compiled))});`;
      });
      return { code: out.join('\n'), map: null };
    },
  };
}

/**
 * Brotli and gzip copies of the built scripts and styles next to them (x.js.br, x.js.gz), which
 * the API's static handler sends to browsers that accept them (src/app.ts): compressed once, at
 * the strongest level, instead of on every request.
 */
function precompress(): Plugin {
  return {
    name: 'baove-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(DIST, 'assets');
      for (const f of readdirSync(assets).filter((n) => /\.(js|css)$/.test(n))) {
        const body = readFileSync(join(assets, f));
        writeFileSync(join(assets, `${f}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
        writeFileSync(join(assets, `${f}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}

// Built into web/dist, which the NestJS service serves at `/` (the API stays under /api/v1).
export default defineConfig({
  plugins: [
    react(),
    precompileMessages(),
    precompress(),
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
  resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, manifest: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
