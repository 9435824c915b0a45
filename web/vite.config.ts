import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// The server (isms serve) serves web/dist and the API from one origin, so the UI only ever
// calls relative /api/v1/... URLs. In development the Vite server forwards those to a
// locally running `isms serve` on its default port.
const apiTarget = process.env.ISMS_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    // No source maps in the shipped bundle: the binary embeds/serves dist as-is.
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
})
