#!/usr/bin/env node
// Makes `require("pulumi-mailersend")` and `require("pulumi-mailersend/runtime")` resolve inside this
// repository, exactly as they do in a user's project. The serialized provider shims require the runtime
// by package name, and the dynamic-provider host resolves that from its working directory (the example
// program's folder), so the examples, the demo and the host tests need the package to be findable by name.
// npm ci/install remove the link; scripts/ensure-deps.sh and scripts/with-pulumi.sh make it again. It is
// never an install script: the published package does not ship this file.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
if (root.split(path.sep).includes("node_modules")) {
  process.exit(0); // installed as somebody's dependency: nothing to do
}
const link = path.join(root, "node_modules", "pulumi-mailersend");
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
  const existing = fs.readlinkSync(link);
  if (existing === "..") process.exit(0);
  fs.unlinkSync(link);
} catch (error) {
  if (error.code !== "ENOENT") throw error;
}
fs.symlinkSync("..", link, "dir");
