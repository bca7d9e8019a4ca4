#!/usr/bin/env node
require("../dist/provider/cli/index.js").runCli();
