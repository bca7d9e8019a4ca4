/**
 * Every input and output of every resource and component has a doc comment in the built `.d.ts`
 * (what an editor shows a user on hover, and what the API reference is made of): every property of
 * every exported interface and every public property of every exported class in
 * dist/provider/resources and dist/provider/component. Needs `npm run build` first.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const DIST = path.resolve(__dirname, "../../dist/provider");
/** File → the exported interfaces and classes to check (all of them when not listed). */
const FILES: Record<string, string[] | "all"> = {
  "resources/domain.d.ts": "all",
  "resources/domain-verification.d.ts": "all",
  "resources/sender-identity.d.ts": "all",
  "resources/api-token.d.ts": "all",
  "resources/client-user.d.ts": "all",
  "component/client.d.ts": "all",
  // The Client's inputs; the rest of the file is the pure planning behind it.
  "component/client.logic.d.ts": ["ClientDecisionArgs", "ClientUserSpec"],
  "component/agency.d.ts": "all",
};

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

const hasDocComment = (node: ts.Node): boolean =>
  ts
    .getJSDocCommentsAndTags(node)
    .some((doc) => ts.isJSDoc(doc) && ts.getTextOfJSDocComment(doc.comment)?.trim());

/** `File: Owner.member` for every documented-API member without a doc comment. */
function undocumented(
  file: string,
  owners: string[] | "all",
): { members: string[]; count: number } {
  const text = fs.readFileSync(path.join(DIST, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const members: string[] = [];
  let count = 0;
  const check = (owner: string, member: ts.ClassElement | ts.TypeElement) => {
    if (!member.name || !ts.isIdentifier(member.name)) return;
    const isPrivate = (ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : []).some(
      (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
    );
    if (isPrivate || member.name.text.startsWith("_")) return;
    if (!ts.isPropertyDeclaration(member) && !ts.isPropertySignature(member)) return;
    count++;
    if (!hasDocComment(member)) members.push(`${file}: ${owner}.${member.name.text}`);
  };
  for (const statement of source.statements) {
    if (!isExported(statement)) continue;
    const name = (statement as { name?: ts.Identifier }).name?.text ?? "";
    if (owners !== "all" && !owners.includes(name)) continue;
    if (ts.isInterfaceDeclaration(statement)) {
      for (const member of statement.members) check(statement.name.text, member);
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      for (const member of statement.members) check(statement.name.text, member);
    }
  }
  return { members, count };
}

describe("doc comments on every resource and component input and output", () => {
  it.each(Object.entries(FILES))("%s", (file, owners) => {
    if (!fs.existsSync(path.join(DIST, file))) {
      throw new Error(`dist/provider/${file} is missing: run \`npm run build\` first`);
    }
    const { members, count } = undocumented(file, owners);
    expect(count).toBeGreaterThan(0); // the file was read and has properties
    expect(members).toEqual([]);
  });
});
