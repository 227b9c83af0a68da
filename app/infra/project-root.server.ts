// The project's root folder, found from wherever this module runs: as TypeScript from the
// source tree, bundled into build/server/assets, or inside the compiled launcher
// build/server/start.js. Files that ship beside the code (migrations, the upload worker) are
// found from here, never from a path relative to the running module.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | null = null;

export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("project root not found");
    dir = parent;
  }
  return (root = dir);
}
