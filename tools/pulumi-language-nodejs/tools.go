//go:build tools

// This file pins the Pulumi CLI (github.com/pulumi/pulumi/pkg/v3) in this module's go.mod and
// go.sum, so that scripts/ensure-pulumi.sh builds `pulumi` and this language host from one module
// graph, with one sdk/v3 version. It is never compiled (build tag `tools`).
package main

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
