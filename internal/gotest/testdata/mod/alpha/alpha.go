// Package alpha is a fixture: work to benchmark.
package alpha

// Sum adds up a copy of xs (the copy is one allocation).
func Sum(xs []int) int {
	c := make([]int, len(xs))
	copy(c, xs)
	t := 0
	for _, x := range c {
		t += x
	}
	return t
}
