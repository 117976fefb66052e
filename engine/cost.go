package engine

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// The exact arithmetic shared by the pricers: 128-bit products, division by a
// million rounded half to even, and the arbitrary-precision rounding of the slow
// paths.

const million = 1_000_000

// add128 returns (hi, lo) + a x b. The sum must fit in 128 bits.
func add128(hi, lo, a, b uint64) (uint64, uint64) {
	phi, plo := bits.Mul64(a, b)
	lo, c := bits.Add64(lo, plo, 0)
	hi, _ = bits.Add64(hi, phi, c)
	return hi, lo
}

// divRoundMillion returns the 128-bit (hi, lo) divided by 1e6, rounded half to even,
// and false when the quotient does not fit in an int64.
func divRoundMillion(hi, lo uint64) (int64, bool) {
	var q, rem uint64
	switch {
	case hi == 0:
		q = lo / million
		rem = lo - q*million
	case hi < million:
		q, rem = bits.Div64(hi, lo, million)
	default:
		return 0, false
	}
	if rem > million/2 || rem == million/2 && q&1 == 1 {
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	return int64(q), true
}

// roundQuo returns d / den rounded half to even at 10 decimal places, exactly.
func roundQuo(d decimal.Decimal, den int64) Money {
	num := d.Coefficient()
	exp := int(d.Exponent()) + Scale // units = coefficient x 10^exp / den
	bden := bigInt(den)
	if exp >= 0 {
		num.Mul(num, pow10(exp))
	} else {
		bden.Mul(bden, pow10(-exp))
	}
	return moneyFromBig(quoRoundHalfEven(num, bden))
}
