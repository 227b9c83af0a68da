// The launcher: server/index.ts (and the upload worker it starts) compiled to plain JavaScript
// in build/server, so a production process runs without a TypeScript loader. tsx's loader
// runs on its own thread on Node 20 and keeps a compiler and source maps for every module it
// touched: tens of megabytes on a small server. Dependencies stay in node_modules.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  publicDir: false,
  build: {
    ssr: true,
    outDir: "build/server",
    emptyOutDir: false,
    target: "node20",
    minify: false,
    rollupOptions: {
      input: { start: "server/index.ts", "prepare-upload.worker": "app/domain/prepare-upload.worker.server.ts" },
      output: { format: "esm", entryFileNames: "[name].js", chunkFileNames: "launcher/[name]-[hash].js" },
    },
  },
});
