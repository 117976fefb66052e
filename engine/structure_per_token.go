package engine

import (
	"errors"
	"fmt"
	"math/bits"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// PerToken prices input and output tokens per million. The optional fields are nil
// when absent. The price of a cached (read) token is CachedInputPerMillion, else
// InputPerMillion x (1 - CachedInputDiscount), else InputPerMillion; the price of a
// cache-write token is CacheWritePerMillion, else InputPerMillion. A cache write
// kept one hour costs CacheWrite1hPerMillion, else the cache-write price; an audio
// or image input token AudioInputPerMillion or ImageInputPerMillion, else
// InputPerMillion.
//
// In a catalog: per_token: {input_per_million, output_per_million,
// cached_input_per_million?, cached_input_discount?, cache_write_per_million?,
// cache_write_1h_per_million?, audio_input_per_million?, image_input_per_million?}.
type PerToken struct {
	InputPerMillion        decimal.Decimal
	OutputPerMillion       decimal.Decimal
	CachedInputPerMillion  *decimal.Decimal
	CachedInputDiscount    *decimal.Decimal // fraction 0..1; 0.9 is 90% off
	CacheWritePerMillion   *decimal.Decimal
	CacheWrite1hPerMillion *decimal.Decimal
	AudioInputPerMillion   *decimal.Decimal
	ImageInputPerMillion   *decimal.Decimal
}

// Kind returns "per_token".
func (p *PerToken) Kind() string { return "per_token" }

// Validate checks that every price is a non-negative decimal of the catalog's
// precision and the discount a fraction 0..1.
func (p *PerToken) Validate() error {
	for _, f := range p.prices() {
		if f.val == nil {
			continue
		}
		if err := checkPrice(*f.val); err != nil {
			return fmt.Errorf("%s: %s %w", f.key, f.val, err)
		}
	}
	if d := p.CachedInputDiscount; d != nil && d.GreaterThan(decimal.NewFromInt(1)) {
		return fmt.Errorf("cached_input_discount: %s is more than 1: want a fraction 0..1", d)
	}
	return nil
}

// prices names the prices of p as the catalog does; absent ones are nil.
func (p *PerToken) prices() []struct {
	key string
	val *decimal.Decimal
} {
	return []struct {
		key string
		val *decimal.Decimal
	}{
		{"input_per_million", &p.InputPerMillion},
		{"output_per_million", &p.OutputPerMillion},
		{"cached_input_per_million", p.CachedInputPerMillion},
		{"cached_input_discount", p.CachedInputDiscount},
		{"cache_write_per_million", p.CacheWritePerMillion},
		{"cache_write_1h_per_million", p.CacheWrite1hPerMillion},
		{"audio_input_per_million", p.AudioInputPerMillion},
		{"image_input_per_million", p.ImageInputPerMillion},
	}
}

func (p *PerToken) compile() pricer {
	r := compileRates(p)
	return &r
}

func parsePerToken(n *yaml.Node) (Structure, error) {
	fields, err := mapping(n)
	if err != nil {
		return nil, err
	}
	p := &PerToken{}
	for _, f := range fields {
		if err := p.setField(f); err != nil {
			return nil, err
		}
	}
	return p, requireRates(n, fields)
}

// requireRates checks that fields hold the input and output prices.
func requireRates(n *yaml.Node, fields []keyValue) error {
	var haveIn, haveOut bool
	for _, f := range fields {
		haveIn = haveIn || f.key == "input_per_million"
		haveOut = haveOut || f.key == "output_per_million"
	}
	switch {
	case !haveIn:
		return inField("input_per_million", n, errMissing)
	case !haveOut:
		return inField("output_per_million", n, errMissing)
	}
	return nil
}

// setField sets one per-token rate, exactly from its YAML text.
func (p *PerToken) setField(f keyValue) error {
	var err error
	switch f.key {
	case "input_per_million":
		p.InputPerMillion, err = price(f.val)
	case "output_per_million":
		p.OutputPerMillion, err = price(f.val)
	case "cached_input_per_million":
		p.CachedInputPerMillion, err = optionalPrice(f.val)
	case "cache_write_per_million":
		p.CacheWritePerMillion, err = optionalPrice(f.val)
	case "cache_write_1h_per_million":
		p.CacheWrite1hPerMillion, err = optionalPrice(f.val)
	case "audio_input_per_million":
		p.AudioInputPerMillion, err = optionalPrice(f.val)
	case "image_input_per_million":
		p.ImageInputPerMillion, err = optionalPrice(f.val)
	case "cached_input_discount":
		p.CachedInputDiscount, err = optionalPrice(f.val)
		if err == nil && p.CachedInputDiscount.GreaterThan(decimal.NewFromInt(1)) {
			err = fmt.Errorf("%s is more than 1: want a fraction 0..1", p.CachedInputDiscount)
		}
	default:
		err = errors.New("unknown field")
	}
	if err != nil {
		return inField(f.key, f.val, err)
	}
	return nil
}

// perTokenRates are the effective per-million prices of one rate set (PerToken or
// one Tier): as integers of 1e-10 when fast, and always as exact decimals.
type perTokenRates struct {
	in, out, cached, write, write1h, audio, image int64 // units of 1e-10 per million tokens, when fast
	fast                                          bool  // all prices fit the integer form
	dIn, dOut, dCached, dWrite                    decimal.Decimal
	dWrite1h, dAudio, dImage                      decimal.Decimal
}

// compileRates resolves the defaults of p's optional prices and their integer form.
func compileRates(p *PerToken) perTokenRates {
	or := func(d *decimal.Decimal, def decimal.Decimal) decimal.Decimal {
		if d != nil {
			return *d
		}
		return def
	}
	r := perTokenRates{dIn: p.InputPerMillion, dOut: p.OutputPerMillion, dCached: p.InputPerMillion}
	switch {
	case p.CachedInputPerMillion != nil:
		r.dCached = *p.CachedInputPerMillion
	case p.CachedInputDiscount != nil:
		r.dCached = p.InputPerMillion.Mul(decimal.NewFromInt(1).Sub(*p.CachedInputDiscount))
	}
	r.dWrite = or(p.CacheWritePerMillion, p.InputPerMillion)
	r.dWrite1h = or(p.CacheWrite1hPerMillion, r.dWrite)
	r.dAudio = or(p.AudioInputPerMillion, p.InputPerMillion)
	r.dImage = or(p.ImageInputPerMillion, p.InputPerMillion)
	r.fast = true
	for _, x := range []struct {
		dst *int64
		d   decimal.Decimal
	}{{&r.in, r.dIn}, {&r.out, r.dOut}, {&r.cached, r.dCached}, {&r.write, r.dWrite},
		{&r.write1h, r.dWrite1h}, {&r.audio, r.dAudio}, {&r.image, r.dImage}} {
		var ok bool
		*x.dst, ok = fastUnits(x.d)
		r.fast = r.fast && ok
	}
	return r
}

// cost returns the input and output cost of c at rates r:
// input = round10((uncached x in + cached x cachedPrice + write5m x writePrice +
// write1h x write1hPrice + audio x audioPrice + image x imagePrice) / 1e6), where
// uncached = prompt - cached - cacheWrite - audio - image and write5m = cacheWrite -
// write1h; output = round10(completion x out / 1e6).
func (r *perTokenRates) cost(c counts) (in, out Money, err error) {
	if iu, ou, ok := r.units(c.prompt, c.completion, c.cached, c.cacheWrite, c.cacheWrite1h, c.audio, c.image); ok {
		return Money{u: iu}, Money{u: ou}, nil
	}
	in, out = r.costSlow(c)
	return in, out, nil
}

// units is cost in integer arithmetic: the input and output cost in units of
// 1e-10, and false when a price is not a whole number of units (r.fast is false)
// or a cost does not fit an int64. The counts are those of cost, checked. Every
// product is below 2^126 (the counts sum to at most prompt), so the sum fits 128
// bits.
func (r *perTokenRates) units(prompt, completion, cached, write, write1h, audio, image int64) (in, out int64, ok bool) {
	if !r.fast {
		return 0, 0, false
	}
	uncached := prompt - cached - write - audio - image
	hi, lo := bits.Mul64(uint64(uncached), uint64(r.in))
	hi, lo = add128(hi, lo, uint64(cached), uint64(r.cached))
	hi, lo = add128(hi, lo, uint64(write-write1h), uint64(r.write))
	if write1h|audio|image != 0 {
		hi, lo = add128(hi, lo, uint64(write1h), uint64(r.write1h))
		hi, lo = add128(hi, lo, uint64(audio), uint64(r.audio))
		hi, lo = add128(hi, lo, uint64(image), uint64(r.image))
	}
	in, ok1 := divRoundMillion(hi, lo)
	hi, lo = bits.Mul64(uint64(completion), uint64(r.out))
	out, ok2 := divRoundMillion(hi, lo)
	return in, out, ok1 && ok2
}

// costSlow is cost in arbitrary precision.
func (r *perTokenRates) costSlow(c counts) (in, out Money) {
	d := decimal.NewFromInt
	sum := d(c.prompt - c.cached - c.cacheWrite - c.audio - c.image).Mul(r.dIn).
		Add(d(c.cached).Mul(r.dCached)).
		Add(d(c.cacheWrite - c.cacheWrite1h).Mul(r.dWrite)).
		Add(d(c.cacheWrite1h).Mul(r.dWrite1h)).
		Add(d(c.audio).Mul(r.dAudio)).
		Add(d(c.image).Mul(r.dImage))
	in = roundQuo(sum, million)
	out = roundQuo(d(c.completion).Mul(r.dOut), million)
	return in, out
}
