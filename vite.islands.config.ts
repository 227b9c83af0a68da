// The islands: small scripts for pages rendered on the server that ship no app bundle (see
// app/islands/). Built after the app into build/client/assets/islands, named by content hash
// (cached for a year like the other assets); the server reads the manifest to link them.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  publicDir: false,
  build: {
    outDir: "build/client/assets/islands",
    emptyOutDir: true,
    manifest: true,
    target: "es2020",
    modulePreload: false,
    rollupOptions: {
      input: { live: "app/islands/live.ts", pack: "app/islands/pack.ts", "service-worker": "app/islands/service-worker.ts" },
      output: { entryFileNames: "[name]-[hash].js", chunkFileNames: "[name]-[hash].js" },
    },
  },
});
