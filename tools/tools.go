//go:build tools

// Package tools pins the programs the project's tests need (nektos/act for the
// end-to-end test of action.yml) in this separate module, so that they are built
// from go.sum-verified sources: `cd tools && go build -o ../.ci/bin/act github.com/nektos/act`.
package tools

import _ "github.com/nektos/act"
