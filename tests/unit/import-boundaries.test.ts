// Boundaries between layers that the bundler would not catch: production code (app/, server/,
// prisma/ — the server loads the demo seed at start) never imports from tests/, and domain
// modules never import the web framework or the UI.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|mts|cts|jsx?|mjs|cjs)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .filter((file) => !file.startsWith("app/generated/"));
}

/** Every module a file names: static and dynamic imports, re-exports, require(). */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((imported) => imported.fileName);
}

/** Where a specifier points inside the repository ("tests/x"), or the package name. */
function target(file: string, specifier: string): string {
  const inRepo = (path: string) => relative(root, path).split(sep).join("/");
  if (specifier.startsWith("~/")) return inRepo(resolve(root, "app", specifier.slice(2)));
  if (specifier.startsWith(".")) return inRepo(resolve(root, dirname(file), specifier));
  return specifier;
}

const isTests = (to: string) => to === "tests" || to.startsWith("tests/");
const isFramework = (to: string) => to === "react-router" || to.startsWith("react-router/") || to.startsWith("@react-router/");
const isUi = (to: string) => to === "app/ui" || to.startsWith("app/ui/");

/** The rules a file breaks, as "file → specifier (why)". */
export function violations(file: string, source: string): string[] {
  const found: string[] = [];
  for (const specifier of importsOf(source)) {
    const to = target(file, specifier);
    if (isTests(to)) found.push(`${file} → ${specifier} (production code imports tests/)`);
    if (file.startsWith("app/domain/") && isFramework(to)) found.push(`${file} → ${specifier} (domain imports react-router)`);
    if (file.startsWith("app/domain/") && isUi(to)) found.push(`${file} → ${specifier} (domain imports app/ui)`);
  }
  return found;
}

describe("import boundaries", () => {
  it("recognises each kind of breach (so the checks below can fail)", () => {
    expect(violations("prisma/demo/mel.ts", 'import { x } from "../../tests/factories";')).toHaveLength(1);
    expect(violations("server/app.ts", 'const m = await import("../tests/support/server");')).toHaveLength(1);
    expect(violations("app/routes/x.tsx", 'export { y } from "~/../tests/factories";')).toHaveLength(1);
    expect(violations("app/domain/x.server.ts", 'import {\n  data,\n} from "react-router";\nimport { Field } from "~/ui/forms";\nimport "../ui/styles";')).toHaveLength(3);
    expect(violations("app/web/x.server.ts", 'import { data } from "react-router"; import { text } from "~/ui/forms";')).toEqual([]);
    expect(violations("app/domain/x.ts", '// import { data } from "react-router";\nconst s = "from \\"../../tests/x\\"";')).toEqual([]);
  });

  it("keeps tests/ out of app/, server/ and prisma/, and react-router and app/ui out of app/domain", () => {
    const files = ["app", "server", "prisma"].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("prisma/demo/index.ts");
    expect(files.flatMap((file) => violations(file, readFileSync(join(root, file), "utf8")))).toEqual([]);
  });
});
