import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into web/dist, which the NestJS service serves at `/` (the API stays under /api/v1).
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
