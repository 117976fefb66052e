package compare

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// configKeys lists the keys of the config's top level and of each profile, for the
// message about an unknown key.
const configKeys = "alpha, threshold, thresholds, ignore, metrics, cost_changes, accept_cost_changes, missing, missing_baseline, contention_guard, cost_threshold, cost_thresholds, monthly_requests (and profiles at the top level)"

// rawConfig is the config as written: a nil field was not set, which matters for
// profiles (an unset key inherits the top level).
type rawConfig struct {
	Alpha             *alphaValue    `yaml:"alpha"`
	Threshold         *percentValue  `yaml:"threshold"`
	Thresholds        *thresholdList `yaml:"thresholds"`
	Ignore            *globList      `yaml:"ignore"`
	Metrics           *metricList    `yaml:"metrics"`
	CostChanges       *costValue     `yaml:"cost_changes"`
	AcceptCostChanges *globList      `yaml:"accept_cost_changes"`
	Missing           *missingValue  `yaml:"missing"`
	MissingBaseline   *baselineValue `yaml:"missing_baseline"`
	ContentionGuard   *boolValue     `yaml:"contention_guard"`
	CostThreshold     *percentValue  `yaml:"cost_threshold"`
	CostThresholds    *thresholdList `yaml:"cost_thresholds"`
	MonthlyRequests   *countValue    `yaml:"monthly_requests"`
}

type rawFile struct {
	rawConfig `yaml:",inline"`
	Profiles  map[string]*rawConfig `yaml:"profiles"`
}

// apply overlays the keys set in r onto c.
func (r *rawConfig) apply(c *Config) {
	if r == nil {
		return
	}
	if r.Alpha != nil {
		c.Alpha = float64(*r.Alpha)
	}
	if r.Threshold != nil {
		c.ThresholdPercent = float64(*r.Threshold)
	}
	if r.Thresholds != nil {
		c.Thresholds = []ThresholdRule(*r.Thresholds)
	}
	if r.Ignore != nil {
		c.Ignore = []string(*r.Ignore)
	}
	if r.Metrics != nil {
		c.Metrics = []Metric(*r.Metrics)
		c.MetricsSet = true
	}
	if r.CostChanges != nil {
		c.CostChanges = CostPolicy(*r.CostChanges)
	}
	if r.AcceptCostChanges != nil {
		c.AcceptCost = []string(*r.AcceptCostChanges)
	}
	if r.Missing != nil {
		c.Missing = MissingPolicy(*r.Missing)
	}
	if r.MissingBaseline != nil {
		c.MissingBaseline = MissingPolicy(*r.MissingBaseline)
	}
	if r.ContentionGuard != nil {
		c.ContentionGuard = bool(*r.ContentionGuard)
	}
	if r.CostThreshold != nil {
		c.CostThresholdPercent = float64(*r.CostThreshold)
	}
	if r.CostThresholds != nil {
		c.CostThresholds = []ThresholdRule(*r.CostThresholds)
	}
	if r.MonthlyRequests != nil {
		c.MonthlyRequests = int64(*r.MonthlyRequests)
	}
}

// LoadConfig reads a YAML config file strictly: unknown keys, values out of range and
// malformed globs are errors naming the file and line.
func LoadConfig(file string) (Config, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return Config{}, err
	}
	return ParseConfig(data, file)
}

// ParseConfig parses a YAML config; name is used in error messages. An empty document
// yields the defaults.
func ParseConfig(data []byte, name string) (Config, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var raw rawFile
	if err := dec.Decode(&raw); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, yamlError(name, err)
	}
	cfg := DefaultConfig()
	cfg.Source = name
	raw.rawConfig.apply(&cfg)
	cfg.profiles = make(map[string]*rawConfig, len(raw.Profiles))
	for pname, p := range raw.Profiles {
		if pname == "" {
			return Config{}, fmt.Errorf("%s: profiles: a profile needs a name", name)
		}
		if p == nil {
			p = &rawConfig{}
		}
		cfg.profiles[pname] = p
	}
	return cfg, nil
}

var (
	yamlLine     = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	wrongKind    = regexp.MustCompile(`^cannot unmarshal !!(\w+) .*into (\S+)$`)
)

// yamlError rewrites yaml.v3's errors as "file:line: message", one per problem.
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	errs := make([]error, 0, len(msgs))
	for _, m := range msgs {
		errs = append(errs, errors.New(positioned(name, m)))
	}
	return errors.Join(errs...)
}

func positioned(name, msg string) string {
	// yaml.v3 quotes offending values raw: a line break in one would split the
	// message and leave its rest without the file and line.
	msg = strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace(msg)
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return name + ": " + strings.TrimPrefix(msg, "yaml: ")
	}
	text := m[2]
	if u := unknownField.FindStringSubmatch(text); u != nil {
		text = fmt.Sprintf("unknown key %q (known keys: %s)", u[1], configKeys)
	}
	if w := wrongKind.FindStringSubmatch(text); w != nil {
		want := "a mapping of config keys"
		if strings.HasPrefix(w[2], "map[") {
			want = "a mapping of profile names to config keys"
		}
		text = fmt.Sprintf("want %s, got a %s", want, w[1])
	}
	return fmt.Sprintf("%s:%s: %s", name, m[1], text)
}

// lineError is the error form yaml.v3 collects with its own: "line N: message".
func lineError(n *yaml.Node, format string, args ...any) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s", n.Line, fmt.Sprintf(format, args...))}}
}

// alphaValue is a significance level in (0,1).
type alphaValue float64

func (a *alphaValue) UnmarshalYAML(n *yaml.Node) error {
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || err != nil || !(v > 0 && v < 1) {
		return lineError(n, "alpha: %q must be a number between 0 and 1 (exclusive), e.g. 0.05", n.Value)
	}
	*a = alphaValue(v)
	return nil
}

// percentValue is a threshold in percent, written 10 or "10%"; it must be >= 0. A
// bare number between 0 and 1 is refused: 0.1 reads like a fraction (10%) but would
// mean 0.1%, so a threshold that small must say so with the % sign.
type percentValue float64

func (p *percentValue) UnmarshalYAML(n *yaml.Node) error {
	v, err := parsePercent(n)
	if err != nil {
		return err
	}
	*p = percentValue(v)
	return nil
}

func parsePercent(n *yaml.Node) (float64, error) {
	if n.Kind != yaml.ScalarNode {
		return 0, lineError(n, "threshold: want a percentage such as 10 or 10%%")
	}
	text := strings.TrimSpace(n.Value)
	bare := !strings.HasSuffix(text, "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(text, "%")), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, lineError(n, "threshold: %q must be a percentage >= 0, such as 10 or 10%%", n.Value)
	}
	if bare && v > 0 && v < 1 {
		return 0, lineError(n, "threshold: %s is a percentage, not a fraction: it would mean %s%%; write %s%% if that is meant, or %.6g for %.6g%%", text, text, text, v*100, v*100)
	}
	return v, nil
}

// thresholdList is the thresholds mapping, kept in file order: benchmark name or glob
// to percentage.
type thresholdList []ThresholdRule

func (t *thresholdList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return lineError(n, "thresholds: want a mapping of benchmark name or glob to percentage")
	}
	rules := make(thresholdList, 0, len(n.Content)/2)
	var errs []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if err := checkGlob(key); err != nil {
			errs = append(errs, err.(*yaml.TypeError).Errors...)
			continue
		}
		pct, err := parsePercent(val)
		if err != nil {
			errs = append(errs, err.(*yaml.TypeError).Errors...)
			continue
		}
		rules = append(rules, ThresholdRule{Pattern: key.Value, Percent: pct, Line: key.Line})
	}
	if len(errs) > 0 {
		return &yaml.TypeError{Errors: errs}
	}
	*t = rules
	return nil
}

// globList is a list of benchmark names or path.Match globs.
type globList []string

func (g *globList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return lineError(n, "want a list of benchmark names or globs")
	}
	out := make(globList, 0, len(n.Content))
	for _, item := range n.Content {
		if err := checkGlob(item); err != nil {
			return err
		}
		out = append(out, item.Value)
	}
	*g = out
	return nil
}

func checkGlob(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		return lineError(n, "want a benchmark name or glob")
	}
	if _, err := path.Match(n.Value, ""); err != nil {
		return lineError(n, "%q is not a valid glob (path.Match syntax: * ? [a-z] \\x)", n.Value)
	}
	return nil
}

// metricList is the list of gated metrics.
type metricList []Metric

func (m *metricList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return lineError(n, "metrics: want a list of time, allocations, bytes, instructions or names of results[].metrics")
	}
	out := make(metricList, 0, len(n.Content))
	for _, item := range n.Content {
		// time, allocations, bytes, instructions, or a custom metric's name as the
		// results carry it (MB/s); one the results lack is a warning of the comparison.
		if item.Kind != yaml.ScalarNode || item.Value == "" || strings.ContainsAny(item.Value, " \t") {
			return lineError(item, "metrics: %q is not a metric name (time, allocations, bytes, instructions, or a key of results[].metrics)", item.Value)
		}
		out = append(out, Metric(item.Value))
	}
	*m = out
	return nil
}

type costValue CostPolicy

func (c *costValue) UnmarshalYAML(n *yaml.Node) error {
	switch CostPolicy(n.Value) {
	case CostFail, CostAccept:
		*c = costValue(n.Value)
		return nil
	}
	return lineError(n, "cost_changes: %q is not one of fail, accept", n.Value)
}

type missingValue MissingPolicy

func (m *missingValue) UnmarshalYAML(n *yaml.Node) error {
	switch MissingPolicy(n.Value) {
	case MissingReport, MissingFail:
		*m = missingValue(n.Value)
		return nil
	}
	return lineError(n, "missing: %q is not one of report, fail", n.Value)
}

// baselineValue is the missing_baseline policy.
type baselineValue MissingPolicy

func (m *baselineValue) UnmarshalYAML(n *yaml.Node) error {
	switch MissingPolicy(n.Value) {
	case MissingReport, MissingFail:
		*m = baselineValue(n.Value)
		return nil
	}
	return lineError(n, "missing_baseline: %q is not one of report, fail", n.Value)
}

// boolValue is true or false, and nothing else (yaml.v3 would also take "on"/"yes"
// only in YAML 1.1 documents; we ask for the plain words).
type boolValue bool

func (b *boolValue) UnmarshalYAML(n *yaml.Node) error {
	switch n.Value {
	case "true":
		*b = true
		return nil
	case "false":
		*b = false
		return nil
	}
	return lineError(n, "contention_guard: %q is not true or false", n.Value)
}

// countValue is a whole number of requests, > 0 (monthly_requests).
type countValue int64

func (c *countValue) UnmarshalYAML(n *yaml.Node) error {
	v, err := strconv.ParseInt(strings.ReplaceAll(strings.TrimSpace(n.Value), "_", ""), 10, 64)
	if n.Kind != yaml.ScalarNode || err != nil || v <= 0 {
		return lineError(n, "monthly_requests: %q must be a whole number of requests > 0, e.g. 2000000", n.Value)
	}
	*c = countValue(v)
	return nil
}
