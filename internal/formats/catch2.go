package formats

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
)

// catch2 is Catch2's XML reporter output (-r xml; v2's <Catch> or v3's
// <Catch2TestRun>): each <BenchmarkResults> is a benchmark, named by its test
// case and its own name ("test case/benchmark"). The reporter writes the mean
// and its bootstrapped interval, not the samples: each is a point estimate of
// its mean time (nanoseconds), with that interval.
type catch2 struct{}

func (catch2) Name() string { return "catch2" }

func (catch2) Detect(in *Input) bool {
	t := in.Text()
	return len(t) > 0 && t[0] == '<' && (bytes.Contains(t, []byte("<Catch ")) || bytes.Contains(t, []byte("<Catch2TestRun")))
}

type catch2Estimate struct {
	Value string `xml:"value,attr"`
	Lower string `xml:"lowerBound,attr"`
	Upper string `xml:"upperBound,attr"`
}

type catch2Benchmark struct {
	Name       string          `xml:"name,attr"`
	Samples    string          `xml:"samples,attr"`
	Iterations string          `xml:"iterations,attr"`
	Mean       *catch2Estimate `xml:"mean"`
}

func (catch2) Read(in *Input) (*bench.Document, error) {
	const format = "catch2"
	dec := xml.NewDecoder(bytes.NewReader(in.Data))
	var cases []string // the test cases open, outermost first
	var results []bench.Result
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, xmlError(in.Name, format, line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TestCase":
				cases = append(cases, attr(t, "name"))
			case "BenchmarkResults":
				var b catch2Benchmark
				if err := dec.DecodeElement(&b, &t); err != nil {
					return nil, xmlError(in.Name, format, line, err)
				}
				r, err := catch2Result(b, cases)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %s: %w", in.Name, line, format, err)
				}
				results = append(results, r)
			}
		case xml.EndElement:
			if t.Name.Local == "TestCase" && len(cases) > 0 {
				cases = cases[:len(cases)-1]
			}
		}
	}
	return document(in, format, "catch2", timeZero, bench.Environment{}, results)
}

// catch2Result is one <BenchmarkResults>: a point estimate of its mean.
func catch2Result(b catch2Benchmark, cases []string) (bench.Result, error) {
	name := b.Name
	if len(cases) > 0 {
		name = cases[len(cases)-1] + "/" + b.Name
	}
	if b.Mean == nil {
		return bench.Result{}, fmt.Errorf("%s: mean: missing", bench.DisplayName(name))
	}
	num := func(field, s string) (float64, error) {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: mean %s: %q is not a number", bench.DisplayName(name), field, s)
		}
		return v, nil
	}
	mean, err := num("value", b.Mean.Value)
	if err != nil {
		return bench.Result{}, err
	}
	r := bench.ResultFromSamples(name, []float64{mean})
	r.PointEstimate = true
	if b.Mean.Lower != "" && b.Mean.Upper != "" {
		lo, err1 := num("lowerBound", b.Mean.Lower)
		hi, err2 := num("upperBound", b.Mean.Upper)
		if err := errors.Join(err1, err2); err != nil {
			return bench.Result{}, err
		}
		if lo < 0 || hi < 0 {
			return bench.Result{}, fmt.Errorf("%s: mean: negative bound", bench.DisplayName(name))
		}
		r.CILowNs, r.CIHighNs = lo, hi
	}
	samples, _ := strconv.ParseInt(b.Samples, 10, 64)
	iters, _ := strconv.ParseInt(b.Iterations, 10, 64)
	r.Iterations = max(samples, 0) * max(iters, 1)
	return r, nil
}

// xmlError names the file, the line and the format of an XML decoding error.
func xmlError(name, format string, line int, err error) error {
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("%s:%d: %s: invalid XML: %s", name, syn.Line, format, syn.Msg)
	}
	return fmt.Errorf("%s:%d: %s: %w", name, line, format, err)
}

// attr is the value of an element's attribute, "" when absent.
func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
