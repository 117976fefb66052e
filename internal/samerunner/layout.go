package samerunner

import (
	"bytes"
	"context"
	"os/exec"
	"strconv"
)

// Code layout. Where the linker places a function moves its speed by several percent
// (alignment of loops and branches, the instruction caches): a change to one
// function shifts every function linked after it, so a benchmark that never runs the
// changed code can measure 10% slower or faster (here, once, usage_validation +13%
// after Calculator.Price grew by a few bytes and engine.Validate moved 32 bytes).
// That is a bias of the one layout each side happens to get, not an effect of the
// change, and no number of rounds removes it. So each round links both sides' binaries
// with a random function order of its own (`-ldflags=-randlayout=<seed>`, the seed
// being the round, the same on both sides: the same code gives the same binary): the
// layout becomes noise that differs from round to round, which the test between
// rounds (processes) accounts for, and its average over the rounds is no bias.
// Relinking is cheap: the packages are compiled once, and only the link runs again.

// layouts assigns a round its layout: seeds 1..n in turn; with n 0, the linker's own
// layout (seed 0) in every round.
type layouts int

// seed is the layout of round.
func (l layouts) seed(round int) int {
	if l <= 0 {
		return 0
	}
	return (round-1)%int(l) + 1
}

// ldflags are the go build or go test -c flags that link with layout seed.
func ldflags(seed int) []string {
	if seed == 0 {
		return nil
	}
	return []string{"-ldflags=-randlayout=" + strconv.Itoa(seed)}
}

// randLayoutSupported reports whether the go command in dir links with
// -randlayout (Go 1.23 and later).
func randLayoutSupported(ctx context.Context, dir string) bool {
	cmd := exec.CommandContext(ctx, "go", "tool", "link", "-help")
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput() // the usage goes to stderr with exit status 2
	return bytes.Contains(out, []byte("-randlayout"))
}
