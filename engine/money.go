package engine

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/shopspring/decimal"
)

// Scale is the number of decimal places of every Money amount.
const Scale = 10

// unitsPerOne is 10^Scale: the number of Money units in one currency unit.
const unitsPerOne = 10_000_000_000

// Money is an exact amount of money with 10 decimal places.
//
// Amounts whose absolute value is below about 922,337,203.6854775807 (the int64 range
// in units of 1e-10) are held as one int64 and cost no allocation; larger amounts are
// held as an arbitrary-precision integer of the same unit, so arithmetic never
// overflows and never rounds. The zero value is zero. Compare amounts with Equal or
// Cmp, not ==. Money encodes as its decimal string in JSON and text.
type Money struct {
	u   int64    // the amount in units of 1e-10, when big is nil
	big *big.Int // the amount in units of 1e-10, when it does not fit in an int64
}

// MoneyFromUnits returns the amount units x 1e-10.
func MoneyFromUnits(units int64) Money { return Money{u: units} }

// MoneyFromDecimal returns d as Money. It fails when d has more than 10 decimal places
// that are not zero.
func MoneyFromDecimal(d decimal.Decimal) (Money, error) {
	r := d.Rat()
	num := new(big.Int).Mul(r.Num(), big.NewInt(unitsPerOne))
	q, rem := new(big.Int).QuoRem(num, r.Denom(), new(big.Int))
	if rem.Sign() != 0 {
		return Money{}, fmt.Errorf("amount %s has more than %d decimal places", d, Scale)
	}
	return moneyFromBig(q), nil
}

// ParseMoney parses a plain decimal string such as "0.025" with at most 10 decimals.
func ParseMoney(s string) (Money, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Money{}, fmt.Errorf("parse money %q: %w", s, err)
	}
	return MoneyFromDecimal(d)
}

// moneyFromBig returns the amount x units of 1e-10, normalised to the int64 form when
// it fits.
func moneyFromBig(x *big.Int) Money {
	if x.IsInt64() {
		return Money{u: x.Int64()}
	}
	return Money{big: new(big.Int).Set(x)}
}

// bigUnits returns the amount in units of 1e-10 as a new big.Int.
func (m Money) bigUnits() *big.Int {
	if m.big != nil {
		return new(big.Int).Set(m.big)
	}
	return big.NewInt(m.u)
}

// Units returns the amount in units of 1e-10 and true when it fits in an int64.
func (m Money) Units() (int64, bool) {
	if m.big != nil {
		return 0, false
	}
	return m.u, true
}

// Add returns m + o, exactly.
func (m Money) Add(o Money) Money {
	s := m.u + o.u
	if m.big == nil && o.big == nil && (s^m.u)&(s^o.u) >= 0 { // small, no overflow
		return Money{u: s}
	}
	return addSlow(m, o)
}

func addSlow(m, o Money) Money {
	return moneyFromBig(new(big.Int).Add(m.bigUnits(), o.bigUnits()))
}

// Sub returns m - o, exactly.
func (m Money) Sub(o Money) Money {
	if m.big == nil && o.big == nil {
		s := m.u - o.u
		if (m.u^o.u)&(m.u^s) >= 0 { // no signed overflow
			return Money{u: s}
		}
	}
	return moneyFromBig(new(big.Int).Sub(m.bigUnits(), o.bigUnits()))
}

// Cmp compares m and o and returns -1, 0 or +1.
func (m Money) Cmp(o Money) int {
	if m.big == nil && o.big == nil {
		switch {
		case m.u < o.u:
			return -1
		case m.u > o.u:
			return 1
		}
		return 0
	}
	return m.bigUnits().Cmp(o.bigUnits())
}

// Equal reports whether m and o are the same amount.
func (m Money) Equal(o Money) bool { return m.Cmp(o) == 0 }

// Sign returns -1, 0 or +1 as m is negative, zero or positive.
func (m Money) Sign() int {
	if m.big != nil {
		return m.big.Sign()
	}
	switch {
	case m.u < 0:
		return -1
	case m.u > 0:
		return 1
	}
	return 0
}

// IsZero reports whether m is zero.
func (m Money) IsZero() bool { return m.big == nil && m.u == 0 }

// DivRound returns m / n rounded half to even at 10 decimal places. n must not be zero.
func (m Money) DivRound(n int64) Money {
	if n == 0 {
		panic("engine: Money.DivRound by zero")
	}
	if m.big == nil && n != -1 {
		q, r := m.u/n, m.u%n
		return Money{u: q + roundAdjust(q, r, n)}
	}
	return moneyFromBig(quoRoundHalfEven(m.bigUnits(), big.NewInt(n)))
}

// roundAdjust returns -1, 0 or +1: what to add to the truncated quotient q = a/n, with
// remainder r = a%n (Go semantics, r has the sign of a), to round half to even.
func roundAdjust(q, r, n int64) int64 {
	if r == 0 {
		return 0
	}
	ar, an := absU(r), absU(n)
	sign := int64(1)
	if (r < 0) != (n < 0) {
		sign = -1
	}
	switch {
	case ar > an-ar:
		return sign
	case ar == an-ar && q&1 != 0:
		return sign
	}
	return 0
}

func absU(x int64) uint64 {
	if x < 0 {
		return uint64(-x)
	}
	return uint64(x)
}

// quoRoundHalfEven returns num/den rounded half to even. den must not be zero.
func quoRoundHalfEven(num, den *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() == 0 {
		return q
	}
	twice := new(big.Int).Abs(r)
	twice.Lsh(twice, 1)
	c := twice.Cmp(new(big.Int).Abs(den))
	if c > 0 || (c == 0 && q.Bit(0) == 1) {
		if (r.Sign() < 0) != (den.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// Decimal returns m as a decimal.Decimal, exactly.
func (m Money) Decimal() decimal.Decimal {
	if m.big != nil {
		return decimal.NewFromBigInt(m.big, -Scale)
	}
	return decimal.New(m.u, -Scale)
}

// String returns m as a plain decimal string without trailing zeros, such as "0.025",
// "12" or "-0.0000000001": the same text as m.Decimal().String().
func (m Money) String() string {
	var buf [24]byte
	return string(m.AppendText(buf[:0]))
}

// AppendText appends m.String() to b. It does not allocate for amounts held as int64.
func (m Money) AppendText(b []byte) []byte {
	if m.big != nil {
		return append(b, m.Decimal().String()...)
	}
	u := m.u
	var mag uint64
	if u < 0 {
		b = append(b, '-')
		mag = uint64(-u) // also right for math.MinInt64
	} else {
		mag = uint64(u)
	}
	whole, frac := mag/unitsPerOne, mag%unitsPerOne
	b = strconv.AppendUint(b, whole, 10)
	if frac == 0 {
		return b
	}
	var digits [Scale]byte
	for i := Scale - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	n := Scale
	for digits[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, digits[:n]...)
}

// MarshalText encodes m as its decimal string, so JSON writes money as a string.
func (m Money) MarshalText() ([]byte, error) { return m.AppendText(nil), nil }

// UnmarshalText parses a decimal string with at most 10 decimal places.
func (m *Money) UnmarshalText(text []byte) error {
	v, err := ParseMoney(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

func bigInt(x int64) *big.Int { return big.NewInt(x) }

// pow10 returns 10^n as a new big.Int.
func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}
