// Package engine prices LLM usage exactly and fast.
//
// A Usage record (decoded by UsageDecoder from a JSON array or JSON Lines, checked by
// Validate) is priced by an Entry of a Catalog (read from YAML, the built-in one from
// BuiltinCatalog) into a Cost, and costs are summed by an Aggregator.
//
// Money is exact. The hot path keeps amounts as scaled integers (Money: int64 units of
// 1e-10) and prices as integers of 1e-10 per million tokens, multiplies in 128 bits and
// rounds half to even at 10 decimal places on the exact value. Whenever a value does not
// fit (prices with more than 10 decimals, or amounts beyond the int64 range of Money),
// the same formula is computed with arbitrary-precision arithmetic instead, so results
// are always exact; only the speed changes.
package engine
