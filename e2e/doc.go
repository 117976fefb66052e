// Package e2e holds the end-to-end test of action.yml: nektos/act (pinned in
// tools/go.mod) runs a workflow that checks out a copy of this repository and uses
// the action from it, in host mode and offline, against a fake GitHub API served by
// the test. It asserts what a reviewer sees: one sticky comment, its content, the
// step outputs, the job summary, and a failed job on a regression.
package e2e
