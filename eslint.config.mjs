// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The layers (DESIGN: data flows top to bottom, nothing flows back up). Each entry names a folder
// and the imports it may not make; a wrong import fails lint. test/unit/layers.test.ts proves that
// every rule fires.
const SDK = {
  group: ["mailersend", "mailersend/*"],
  message: "Only provider/api may use the mailersend SDK.",
};
const upward = (names, why) => ({ group: names, message: why });
export const LAYER_RULES = [
  {
    files: ["provider/facts/**/*.ts"],
    patterns: [
      SDK,
      upward(
        ["../*", "!../facts", "zod", "@pulumi/*"],
        "provider/facts is imported by every layer and by users' programs: it imports nothing.",
      ),
    ],
  },
  {
    files: ["provider/api/**/*.ts"],
    patterns: [
      upward(
        [
          "../runtime/*",
          "../resources/*",
          "../component/*",
          "../cli/*",
          "../index",
          "../../emulator/*",
        ],
        "provider/api is the bottom layer: it imports nothing else from the package.",
      ),
    ],
  },
  {
    files: ["provider/runtime/**/*.ts"],
    patterns: [
      SDK,
      upward(
        ["../resources/*", "../component/*", "../cli/*", "../index", "../../emulator/*"],
        "provider/runtime runs in the provider host: it may import provider/api, never the program side.",
      ),
    ],
  },
  {
    files: ["provider/resources/**/*.ts"],
    patterns: [
      SDK,
      upward(
        [
          "../api/*",
          "../runtime/*",
          "../component/*",
          "../cli/*",
          "../index",
          "../../emulator/*",
          "zod",
        ],
        "provider/resources is the program side: it reaches the runtime only through the shim, and shares types through provider/facts (nothing a user's program typechecks may reach zod).",
      ),
    ],
  },
  {
    files: ["provider/component/**/*.ts"],
    patterns: [
      SDK,
      // The second spelling of each is the same folder seen from provider/component/decision/.
      upward(
        [
          "../api/*",
          "../cli/*",
          "../index",
          "../../emulator/*",
          "../../api/*",
          "../../cli/*",
          "../../index",
          "../../../emulator/*",
        ],
        "provider/component builds on provider/resources; it never calls the API.",
      ),
      upward(
        ["../runtime/*", "!../runtime/*.logic", "../../runtime/*", "!../../runtime/*.logic"],
        "provider/component may import only the pure *.logic modules of provider/runtime.",
      ),
    ],
  },
  {
    files: ["provider/cli/**/*.ts"],
    patterns: [
      SDK,
      upward(
        ["../resources/*", "../component/*", "../index", "../../emulator/*"],
        "provider/cli reads previews and talks to MailerSend through provider/api (recover); it never declares resources.",
      ),
      upward(
        ["../runtime/*", "!../runtime/*.logic", "!../runtime/diff", "!../runtime/config"],
        "provider/cli may import only the pure *.logic modules, diff and config of provider/runtime.",
      ),
    ],
  },
  {
    files: ["emulator/**/*.ts"],
    patterns: [
      SDK,
      upward(
        ["../provider/*", "../../provider/*", "../../../provider/*"],
        "The emulator is written independently of the provider (shared code would hide shared bugs).",
      ),
      {
        regex: "^pulumi-mailersend(/(?!emulator$).*)?$",
        message:
          "The emulator is written independently of the provider (shared code would hide shared bugs).",
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "docs/api/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        fetch: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      // The serialized provider shims must `require` the runtime lazily (DESIGN.md: thin shim).
      "@typescript-eslint/no-require-imports": "off",
      "no-console": "off",
    },
  },
  ...LAYER_RULES.map(({ files, patterns }) => ({
    files,
    rules: { "no-restricted-imports": ["error", { patterns }] },
  })),
);
