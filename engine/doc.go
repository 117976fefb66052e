// Package engine prices LLM usage exactly and fast.
//
// A Usage record (decoded by UsageDecoder from a JSON array or JSON Lines, checked by
// Validate) is priced by an Entry of a Catalog (read from YAML, the built-in one from
// BuiltinCatalog) into a Cost, and costs are summed by an Aggregator. A Calculator
// does lookup and pricing in one call, with a cache for batches.
//
// An entry's Pricing is one Structure: PerToken, PerRequest or Tiered, each in a
// file of its own (structure_*.go) that reads it from YAML, validates it and prices
// a record with it; structure.go registers them.
//
// # Exactness and speed
//
// Money is exact. The hot path keeps amounts as scaled integers (Money: int64 units of
// 1e-10, up to about 922 million) and prices as integers of 1e-10 per million tokens,
// multiplies in 128 bits and rounds half to even at 10 decimal places on the exact
// value. Whenever a value does not fit (prices with more than 10 decimals, amounts
// beyond the int64 range of Money), the same formula is computed in arbitrary
// precision instead, so results are always exact; only the speed changes. Tests
// compare every structure against a shopspring/decimal and big.Rat oracle.
//
// # Choices the contract leaves open
//
//   - Cost.Total is Input + Output, for per_request too (the contract's total rounded
//     once could differ from the sum of the two rounded parts by a unit in a tie).
//   - A tier may also carry cached_input_discount and cache_write_per_million; a tier
//     is priced as a per_token entry with its rates.
//   - Dates written without a time mean 00:00 UTC; end_date is inclusive of that
//     instant.
//   - Provider names are canonicalised everywhere (CanonicalProvider); model names
//     are matched exactly, as a model or one of its aliases.
//   - Catalog.Merge layers a user's file over the built-in catalog: a record the
//     file prices (its provider, model as the file resolves it, service tier, and a
//     date within one of the file's entries) is priced by the file, every other
//     record by the built-in catalog, as it alone would.
//   - Validate also rejects a missing timestamp (ErrMissingTimestamp) and negative
//     counts (ErrNegativeTokens) for records built in Go; the decoder already refuses
//     negative and fractional counts.
//   - The Aggregator sums by canonical provider, by model as written in the record,
//     by project and organization ("" when absent) and by time window in UTC.
package engine
