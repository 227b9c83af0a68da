import { fileURLToPath } from "node:url";
import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [reactRouter()],
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  // The server build's entry is our own server/app.ts, which wraps React Router's handler and
  // adds Socket.IO and the Yjs endpoint, so all of it shares one module graph.
  // Both builds emit the stylesheet for the same browsers, so the page's <link> (server build)
  // and the one React renders after hydration (client build) name the same file: one download.
  build: isSsrBuild ? { rollupOptions: { input: "./server/app.ts" }, target: "node20", cssTarget: "es2020" } : { target: "es2020", cssTarget: "es2020" },
  server: { hmr: true },
}));
