package text_test

import (
	"fmt"
	"strings"

	"github.com/cost-ops-bench/cost-ops-bench/internal/report/text"
)

func ExampleEscapeName() {
	// Zero-width joiners keep @mentions, #references and :emoji: from being linked;
	// they are shown here as <zwj>.
	show := func(s string) { fmt.Println(strings.ReplaceAll(text.EscapeName(s), "\u200d", "<zwj>")) }
	show("batch_cost_calculation_100")
	show("cc @octocat on #12")
	show("a|b *c*")
	// Output:
	// batch_cost_calculation_100
	// cc @<zwj>octocat on \#<zwj>12
	// a\|b \*c\*
}

func ExampleDuration() {
	fmt.Println(text.Duration(88), text.Duration(1234), text.Duration(412000), text.Duration(1.5e9))
	// Output: 88.0ns 1.23µs 412µs 1.50s
}
