import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: { lib: { entry: resolve(__dirname, 'electron/main/index.ts') } }
  },
  preload: {
    // A sandboxed preload cannot require() npm packages, so zod and the contract are bundled in.
    build: { lib: { entry: resolve(__dirname, 'electron/preload/index.ts') }, externalizeDeps: false }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: { rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') } },
    plugins: [react()]
  }
})
