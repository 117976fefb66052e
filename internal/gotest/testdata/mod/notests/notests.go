// Package notests has no tests: go test has nothing to run in it.
package notests
