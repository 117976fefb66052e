package engine

import (
	"math"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

func TestMoneyString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m    Money
		want string
	}{
		{Money{}, "0"},
		{MoneyFromUnits(1), "0.0000000001"},
		{MoneyFromUnits(250_000_000), "0.025"},
		{MoneyFromUnits(12 * unitsPerOne), "12"},
		{MoneyFromUnits(-1_500_000_000), "-0.15"},
		{MoneyFromUnits(math.MaxInt64), "922337203.6854775807"},
		{MoneyFromUnits(math.MinInt64), "-922337203.6854775808"},
		{MoneyFromUnits(math.MaxInt64).Add(MoneyFromUnits(1)), "922337203.6854775808"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			t.Parallel()
			if got := tt.m.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if got := tt.m.Decimal().String(); got != tt.want {
				t.Errorf("Decimal().String() = %q, want %q", got, tt.want)
			}
			back, err := ParseMoney(tt.want)
			if err != nil || !back.Equal(tt.m) {
				t.Errorf("ParseMoney(%q) = %v, %v", tt.want, back, err)
			}
		})
	}
}

func TestMoneyArithmeticIsExactBeyondInt64(t *testing.T) {
	t.Parallel()
	max := MoneyFromUnits(math.MaxInt64)
	sum := max.Add(max).Add(max)
	want := new(big.Int).Mul(big.NewInt(math.MaxInt64), big.NewInt(3))
	if got := sum.Decimal(); !got.Equal(decimal.NewFromBigInt(want, -10)) {
		t.Fatalf("3 x max = %s", got)
	}
	if back := sum.Sub(max).Sub(max); !back.Equal(max) {
		t.Fatalf("back = %s, want %s", back, max)
	}
	if u, ok := sum.Sub(max).Sub(max).Units(); !ok || u != math.MaxInt64 {
		t.Fatalf("units of a small amount after big arithmetic = %d, %v", u, ok)
	}
	if neg := MoneyFromUnits(math.MinInt64).Add(MoneyFromUnits(-1)); neg.Sign() >= 0 || neg.String() != "-922337203.6854775809" {
		t.Fatalf("min - 1 = %s", neg)
	}
}

func TestMoneyDivRound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		units, n, want int64
	}{
		{10, 4, 2},             // 2.5 -> 2
		{14, 4, 4},             // 3.5 -> 4
		{-10, 4, -2},           // -2.5 -> -2
		{-14, 4, -4},           // -3.5 -> -4
		{11, 4, 3},             // 2.75 -> 3
		{9, 4, 2},              // 2.25 -> 2
		{7, -2, -4},            // -3.5 -> -4
		{math.MinInt64, -1, 0}, // checked separately: overflow of int64
		{100, 3, 33},
		{200, 3, 67},
	}
	for _, tt := range tests {
		got := MoneyFromUnits(tt.units).DivRound(tt.n)
		want := decimal.New(tt.want, -10)
		if tt.units == math.MinInt64 {
			want = decimal.NewFromBigInt(new(big.Int).Neg(big.NewInt(math.MinInt64)), -10)
		}
		if !got.Decimal().Equal(want) {
			t.Errorf("%d / %d = %s, want %s", tt.units, tt.n, got, want)
		}
	}
}

func TestMoneyFromDecimalRefusesExtraDecimals(t *testing.T) {
	t.Parallel()
	if _, err := ParseMoney("0.00000000001"); err == nil {
		t.Error("11 decimals accepted")
	}
	if m, err := ParseMoney("1.50000000000000"); err != nil || m.String() != "1.5" {
		t.Errorf("trailing zeros: %v, %v", m, err)
	}
}

func TestMoneyAppendTextDoesNotAllocate(t *testing.T) {
	buf := make([]byte, 0, 64)
	m := MoneyFromUnits(123_456_789_012)
	if n := testing.AllocsPerRun(100, func() { buf = m.AppendText(buf[:0]) }); n != 0 {
		t.Errorf("AppendText allocates %v times", n)
	}
}
