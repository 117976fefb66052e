// Package gate is the orchestration behind `cost-ops-bench gate`, the GitHub
// Action's entry point: it reads the action's inputs, takes or produces the current
// result, loads the baseline (a file, or the newest artifact of a name from the base
// branch), compares with the config profile of the event, writes the report file
// and the job summary, sets the step outputs, keeps one sticky comment per pull
// request and key, and returns an Outcome whose verdict decides the exit code.
//
// Nothing here talks to GitHub directly: the github.GitHub interface does, and
// tests replace it in memory. Nothing here renders either: the page (comment, job
// summary, report file) and the console table are package report's (report.Page,
// report.Console); the gate fills them in and says where they go.
package gate
