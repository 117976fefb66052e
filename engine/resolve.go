package engine

import "strings"

// How a model ID as a provider's API reports it resolves to a catalog name, when
// the catalog does not name it exactly (an exact name always wins, so a catalog can
// price one snapshot apart). The rules apply in this order, each to the result of
// the ones before, and the first name the catalog prices is the one used:
//
//  1. a model path keeps its last element: "openai/gpt-4o" -> "gpt-4o";
//  2. an AWS Bedrock cross-region inference profile drops its region prefix (us.,
//     eu., apac., global., jp., au., ca., us-gov.): "us.anthropic.claude-..." ->
//     "anthropic.claude-...";
//  3. a Bedrock model ID drops its vendor prefix (anthropic., amazon., meta.,
//     mistral., cohere., ai21., deepseek., openai., qwen., writer.): ->
//     "claude-...";
//  4. a Vertex AI version goes: "claude-3-5-sonnet-v2@20241022" -> "claude-3-5-sonnet-v2";
//  5. a Bedrock (or Vertex AI) version suffix goes: "-v1:0", "-v2:0", "-v2" -> "";
//  6. an alias of the newest version goes: "mistral-large-latest" -> "mistral-large";
//  7. a dated snapshot drops its date: -YYYY-MM-DD, -YYYYMMDD, -MM-YYYY, and a
//     stable version -NNN or a four-digit -MMDD or -YYMM ("gpt-4o-2024-08-06",
//     "claude-sonnet-4-20250514", "command-r-plus-08-2024", "gemini-2.0-flash-001",
//     "gpt-4-0613", "mistral-large-2411");
//  8. an Azure OpenAI deployment name spells versions without the dot:
//     "gpt-35-turbo" -> "gpt-3.5-turbo".
//
// ResolveModel lists the names tried.

// ResolveModel returns the names under which a catalog looks model up, in order:
// model itself first, then each distinct result of the rules above.
func ResolveModel(model string) []string {
	names := []string{model}
	add := func(n string) {
		if n != "" && n != names[len(names)-1] {
			names = append(names, n)
		}
	}
	n := model
	for _, rule := range resolveRules {
		n = rule(n)
		add(n)
	}
	return names
}

var resolveRules = []func(string) string{
	lastPathElement,
	trimPrefixes(bedrockRegions...),
	trimPrefixes(bedrockVendors...),
	trimVertexVersion,
	trimBedrockVersion,
	func(s string) string { return strings.TrimSuffix(s, "-latest") },
	trimSnapshot,
	azureName,
}

var (
	bedrockRegions = []string{"us.", "eu.", "apac.", "global.", "jp.", "au.", "ca.", "us-gov."}
	bedrockVendors = []string{"anthropic.", "amazon.", "meta.", "mistral.", "cohere.", "ai21.", "deepseek.", "openai.", "qwen.", "writer."}
)

func lastPathElement(s string) string { return s[strings.LastIndexByte(s, '/')+1:] }

func trimPrefixes(prefixes ...string) func(string) string {
	return func(s string) string {
		for _, p := range prefixes {
			if strings.HasPrefix(s, p) {
				return s[len(p):]
			}
		}
		return s
	}
}

// trimBedrockVersion drops "-v<digits>" with an optional ":<digits>" at the end.
func trimBedrockVersion(s string) string {
	i := strings.LastIndex(s, "-v")
	if i < 0 {
		return s
	}
	rest := s[i+2:]
	major, minor, hasMinor := strings.Cut(rest, ":")
	if allDigits(major) && (!hasMinor || allDigits(minor)) {
		return s[:i]
	}
	return s
}

func trimVertexVersion(s string) string {
	if i := strings.IndexByte(s, '@'); i > 0 {
		return s[:i]
	}
	return s
}

// trimSnapshot drops a date or version suffix (rule 7).
func trimSnapshot(s string) string {
	for _, shape := range []string{"-dddd-dd-dd", "-dddddddd", "-dd-dddd", "-ddd", "-dddd"} {
		if len(s) > len(shape) && matchesShape(s[len(s)-len(shape):], shape) {
			return s[:len(s)-len(shape)]
		}
	}
	return s
}

// matchesShape reports whether s has shape's form, d standing for a digit.
func matchesShape(s, shape string) bool {
	for i := 0; i < len(shape); i++ {
		if c := s[i]; shape[i] == 'd' && (c < '0' || c > '9') || shape[i] != 'd' && c != shape[i] {
			return false
		}
	}
	return true
}

// azureName spells an Azure deployment's "gpt-35" the way the catalog does.
func azureName(s string) string {
	if rest, ok := strings.CutPrefix(s, "gpt-35"); ok {
		return "gpt-3.5" + rest
	}
	return s
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
