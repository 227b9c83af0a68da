// Derives the PostgreSQL copy of prisma/schema.prisma: the provider and output lines change, nothing else.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const schemaPath = fileURLToPath(new URL("../schema.prisma", import.meta.url));

export type Provider = "sqlite" | "postgresql";

export function schemaFor(provider: Provider, source = readFileSync(schemaPath, "utf8")): string {
  if (provider === "sqlite") return source;
  const providerLine = /(datasource db \{\s*provider\s*=\s*)"sqlite"/;
  const outputLine = /(output\s*=\s*"\.\.\/app\/generated\/prisma\/)sqlite"/;
  if (!providerLine.test(source) || !outputLine.test(source)) {
    throw new Error("prisma/schema.prisma: provider or output line not found; update provider-schema.ts");
  }
  return source.replace(providerLine, '$1"postgresql"').replace(outputLine, '$1postgresql"');
}
