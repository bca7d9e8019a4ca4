// The layer rules in eslint.config.mjs: each forbidden import fails lint with its message, and each
// allowed one passes. Linted as text under a file path, so no fixture file has to exist in the tree.
import * as path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const REPO_ROOT = path.resolve(__dirname, "../..");
const eslint = new ESLint({ cwd: REPO_ROOT });

async function restrictedImportMessages(filePath: string, specifier: string): Promise<string[]> {
  const code = `import * as x from "${specifier}";\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, filePath) });
  return result.messages
    .filter((message) => message.ruleId === "no-restricted-imports")
    .map((message) => message.message);
}

const SDK = "Only provider/api may use the mailersend SDK.";

const FORBIDDEN: Array<[file: string, specifier: string, because: string]> = [
  ["provider/facts/x.ts", "zod", "provider/facts is imported by every layer"],
  ["provider/facts/x.ts", "../runtime/domain.logic", "provider/facts is imported by every layer"],
  ["provider/api/x.ts", "../runtime/domain", "provider/api is the bottom layer"],
  ["provider/api/x.ts", "../component/client", "provider/api is the bottom layer"],
  ["provider/api/x.ts", "../../emulator/store", "provider/api is the bottom layer"],
  ["provider/runtime/x.ts", "mailersend", SDK],
  ["provider/runtime/x.ts", "mailersend/lib/modules/Token.module", SDK],
  ["provider/runtime/x.ts", "../resources/domain", "provider/runtime runs in the provider host"],
  ["provider/runtime/x.ts", "../component/decision", "provider/runtime runs in the provider host"],
  ["provider/resources/x.ts", "../api/client", "provider/resources is the program side"],
  ["provider/resources/x.ts", "../runtime/domain", "provider/resources is the program side"],
  ["provider/resources/x.ts", "../runtime/domain.logic", "provider/resources is the program side"],
  ["provider/resources/x.ts", "zod", "provider/resources is the program side"],
  ["provider/resources/x.ts", "../component/client", "provider/resources is the program side"],
  ["provider/component/x.ts", "../api/errors", "provider/component builds on provider/resources"],
  ["provider/component/x.ts", "../runtime/api-token", "only the pure *.logic modules"],
  ["provider/component/x.ts", "mailersend", SDK],
  [
    "provider/component/decision/x.ts",
    "../../api/errors",
    "provider/component builds on provider/resources",
  ],
  ["provider/component/decision/x.ts", "../../runtime/api-token", "only the pure *.logic modules"],
  ["provider/component/decision/x.ts", "mailersend", SDK],
  ["provider/cli/x.ts", "../component/client", "provider/cli reads previews"],
  ["provider/cli/x.ts", "../runtime/context", "only the pure *.logic modules, diff and config"],
  ["provider/cli/x.ts", "../resources/domain", "provider/cli reads previews"],
  ["emulator/x.ts", "../provider/api/errors", "The emulator is written independently"],
  [
    "emulator/routes/x.ts",
    "../../provider/runtime/domain.logic",
    "The emulator is written independently",
  ],
  ["emulator/x.ts", "pulumi-mailersend/runtime", "The emulator is written independently"],
  ["emulator/x.ts", "mailersend", SDK],
];

const ALLOWED: Array<[file: string, specifier: string]> = [
  ["provider/facts/x.ts", "./dns-record"],
  ["provider/resources/x.ts", "../facts/dns-record"],
  ["provider/runtime/x.ts", "../facts/dns-record"],
  ["provider/api/x.ts", "mailersend/lib/modules/Token.module"],
  ["provider/api/x.ts", "./errors"],
  ["provider/runtime/x.ts", "../api/client"],
  ["provider/resources/x.ts", "./shim"],
  ["provider/component/x.ts", "../resources/domain"],
  ["provider/component/x.ts", "../runtime/sender-identity.logic"],
  ["provider/cli/x.ts", "../runtime/diff"],
  ["provider/cli/x.ts", "../api/client"],
  ["provider/cli/x.ts", "../runtime/config"],
  ["provider/component/x.ts", "../facts/names"],
  ["provider/component/decision/x.ts", "../words"],
  ["provider/component/decision/x.ts", "../../runtime/domain.logic"],
  ["provider/cli/x.ts", "../runtime/domain.logic"],
  ["emulator/x.ts", "./store"],
  ["emulator/cli.ts", "pulumi-mailersend/emulator"],
];

describe("layer rules (eslint no-restricted-imports)", () => {
  it.each(FORBIDDEN)("%s may not import %s", async (file, specifier, because) => {
    const messages = await restrictedImportMessages(file, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(because);
  });

  it.each(ALLOWED)("%s may import %s", async (file, specifier) => {
    expect(await restrictedImportMessages(file, specifier)).toEqual([]);
  });
});
