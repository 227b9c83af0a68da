// Finds code that decides by comparing role names ("coordinator", "mel", "lead", "member")
// instead of asking app/domain/permissions.ts or a policy in app/domain/policies/. Parsed with
// the TypeScript compiler, so a comparison is told from a type (`role: "member" | "lead"`) or
// from creating a value (`createUser({ role: "coordinator" })`, `data: { role }`).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";

export const ROLE_NAMES: ReadonlySet<string> = new Set(["coordinator", "mel", "lead", "member"]);

/** Where role names may be read: the role × action table with its predicates, and the policies. */
export const ROLE_READERS = ["app/domain/permissions.ts", "app/domain/policies/"];
const SCANNED_DIRS = ["app", "server", "prisma"];
const SKIPPED_DIRS = ["app/generated/", "node_modules/"];

export interface Finding {
  file: string;
  line: number;
  kind: "comparison" | "membership test" | "switch case" | "prisma filter" | "sql";
  text: string;
}

/** Keys under which an object literal is a Prisma filter; the value compares. */
const FILTER_KEYS = new Set(["where", "some", "every", "none", "is", "isNot", "OR", "AND", "NOT", "having"]);
/** Keys under which an object literal is written (data of create/update/upsert): the value is set. */
const WRITE_KEYS = new Set(["data", "create", "update", "createMany", "updateMany"]);
/** Filter operators on a field: `role: { in: [...] }` compares whatever surrounds it. */
const OPERATOR_KEYS = new Set(["in", "notIn", "not", "equals"]);
const COMPARISON_OPERATORS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);
/** Raw SQL comparing a role column: `"role" = 'lead'`, `role IN ('mel', …)`. */
const SQL_ROLE = /\brole"?\s*(=|<>|!=|\bin\b|\bnot\s+in\b)\s*\(?\s*'(coordinator|mel|lead|member)'/i;

function isRoleLiteral(node: ts.Node | undefined): boolean {
  return Boolean(node) && (ts.isStringLiteral(node!) || ts.isNoSubstitutionTemplateLiteral(node!)) && ROLE_NAMES.has((node as ts.StringLiteralLike).text);
}

function propertyName(node: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): string | null {
  const name = node.name;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return null;
}

/** Whether an array literal holds role names (`["mel", "coordinator"]`). */
function isRoleArray(node: ts.Node | undefined): boolean {
  return Boolean(node) && ts.isArrayLiteralExpression(node!) && node.elements.some(isRoleLiteral);
}

/**
 * Whether a `role: …` property sits in a Prisma filter: the nearest enclosing key that says
 * what the object is for decides (`where`/`some`/`OR` … compare; `data`/`create`/`update` set).
 * Objects outside any such key (function arguments, fixtures, tables) create values.
 */
function inFilter(node: ts.Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isPropertyAssignment(parent)) {
      const name = propertyName(parent);
      if (name && FILTER_KEYS.has(name)) return true;
      if (name && WRITE_KEYS.has(name)) return false;
    }
    // `const where = { role: "mel" }` is a filter kept in a variable.
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return /where|filter/i.test(parent.name.text);
    if (ts.isFunctionLike(parent) || ts.isSourceFile(parent)) return false;
  }
  return false;
}

export function findRoleComparisonsInSource(file: string, source: string): Finding[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, kind: Finding["kind"]) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    findings.push({ file, line: line + 1, kind, text: node.getText(sourceFile).replace(/\s+/g, " ").slice(0, 120) });
  };

  const visit = (node: ts.Node): void => {
    // x.role === "lead", "mel" !== role, …: any equality test against a role name.
    if (ts.isBinaryExpression(node) && COMPARISON_OPERATORS.has(node.operatorToken.kind) && (isRoleLiteral(node.left) || isRoleLiteral(node.right))) {
      report(node, "comparison");
    }
    // ["mel", "coordinator"].includes(role), new Set(["lead"]).has(role), […].indexOf(role)
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ["includes", "indexOf", "has"].includes(node.expression.name.text)) {
      let receiver: ts.Expression = node.expression.expression;
      while (ts.isParenthesizedExpression(receiver) || ts.isAsExpression(receiver)) receiver = receiver.expression;
      if (ts.isNewExpression(receiver)) receiver = receiver.arguments?.[0] ?? receiver;
      if (isRoleArray(receiver)) report(node, "membership test");
    }
    // switch (x.role) { case "lead": … }
    if (ts.isCaseClause(node) && isRoleLiteral(node.expression)) report(node.expression, "switch case");
    // Prisma: role: "mel" inside a filter, role: { in: ["mel", …] } / { not: "lead" } anywhere.
    if (ts.isPropertyAssignment(node) && propertyName(node) === "role") {
      const value = node.initializer;
      const isOperator =
        ts.isObjectLiteralExpression(value) &&
        value.properties.some(
          (p) => ts.isPropertyAssignment(p) && OPERATOR_KEYS.has(propertyName(p) ?? "") && (isRoleLiteral(p.initializer) || isRoleArray(p.initializer)),
        );
      if (isOperator || (isRoleLiteral(value) && inFilter(node))) report(node, "prisma filter");
    }
    // Raw SQL in strings and templates.
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) && SQL_ROLE.test(node.text)) {
      report(node, "sql");
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

function* sourceFiles(root: string, dir: string): Generator<string> {
  for (const entry of readdirSync(join(root, dir))) {
    const path = `${dir}/${entry}`;
    if (SKIPPED_DIRS.some((skipped) => `${path}/`.startsWith(skipped))) continue;
    if (statSync(join(root, path)).isDirectory()) yield* sourceFiles(root, path);
    else if (/\.tsx?$/.test(entry)) yield path;
  }
}

export function isRoleReader(file: string): boolean {
  return ROLE_READERS.some((reader) => (reader.endsWith("/") ? file.startsWith(reader) : file === reader));
}

/** Every comparison of a role name in app/, server/ and prisma/, outside the role readers. */
export function findRoleComparisons(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const dir of SCANNED_DIRS) {
    for (const file of sourceFiles(root, dir)) {
      if (isRoleReader(file)) continue;
      findings.push(...findRoleComparisonsInSource(relative(root, join(root, file)).split(sep).join("/"), readFileSync(join(root, file), "utf8")));
    }
  }
  return findings;
}
