package engine

import "strings"

// The canonical names of the providers that have aliases.
const (
	ProviderGoogleVertexAI = "googlevertexai"
	ProviderAzureOpenAI    = "azureopenai"
	ProviderAWSBedrock     = "awsbedrock"
)

// CanonicalProvider returns the canonical name of a provider: lower case, with the
// aliases google and vertex (googlevertexai), azure (azureopenai), aws and bedrock
// (awsbedrock) resolved. Other names are only lower-cased. It does not allocate when
// name is already lower case.
func CanonicalProvider(name string) string {
	if !isLower(name) {
		name = strings.ToLower(name)
	}
	switch name {
	case "google", "vertex", "vertexai":
		return ProviderGoogleVertexAI
	case "azure":
		return ProviderAzureOpenAI
	case "aws", "bedrock":
		return ProviderAWSBedrock
	}
	return name
}

func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return false
		}
	}
	return true
}
