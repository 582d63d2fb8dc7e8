import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import { createServer, defineConfig, type Plugin } from 'vite';
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

/**
 * The sign-in, pre-rendered into index.html (src/prerender.tsx; main.tsx hydrates it): it shows,
 * and takes what is typed, as soon as the page has come, seconds before the script on a slow line.
 * The styles go inline with it (a separate file would hold the first paint for another round trip),
 * and the guard of src/prerendered.ts into <head>. The API allows the guard's inline script by its
 * hash, taken from the built index.html (src/app.ts).
 */
function prerenderSignIn(): Plugin {
  return {
    name: 'baove-prerender-sign-in',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        // The console's modules as they are, in Node (the dictionaries uncompiled: their words read as text).
        const server = await createServer({
          configFile: false, root: import.meta.dirname, logLevel: 'error', appType: 'custom',
          server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true },
        });
        let page: { markup: string; head: string };
        try {
          page = await (await server.ssrLoadModule('/src/prerender.tsx') as typeof import('./src/prerender')).prerender();
        } finally {
          await server.close();
        }
        const entry = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry);
        let styles = '';
        html = html.replace(/\s*<link rel="stylesheet"[^>]* href="\/(assets\/[^"]+\.css)">/, (_, file: string) => {
          const asset = ctx.bundle?.[file];
          if (asset?.type !== 'asset') throw new Error(`prerender: ${file} is not in the bundle`);
          styles = String(asset.source);
          // Inline only: no file of its own to fetch or for the service worker to keep.
          delete ctx.bundle?.[file];
          if (entry?.type === 'chunk') entry.viteMetadata?.importedCss.delete(file);
          return '';
        });
        if (!styles) throw new Error('prerender: no stylesheet link in index.html');
        if (!html.includes('<div id="root"></div>')) throw new Error('prerender: no empty #root in index.html');
        return html
          .replace('</head>', `<style>${styles}</style>${page.head}</head>`)
          .replace('<div id="root"></div>', `<div id="root">${page.markup}</div>`);
      },
    },
  };
}

// Built into web/dist, which the NestJS service serves at `/` (the API stays under /api/v1).
export default defineConfig({
  plugins: [
    react(),
    precompileMessages(),
    precompress(),
    prerenderSignIn(),
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
