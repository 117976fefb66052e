module github.com/cost-ops-bench/cost-ops-bench

go 1.24.0

require (
	github.com/google/go-github/v62 v62.0.0
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.2
	github.com/sethvargo/go-githubactions v1.3.1
	github.com/shopspring/decimal v1.4.0
	golang.org/x/perf v0.0.0-20250813145418-2f7363a06fe1
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/aclements/go-moremath v0.0.0-20210112150236-f10218a38794 // indirect
	github.com/google/go-querystring v1.1.0 // indirect
	golang.org/x/text v0.28.0 // indirect
)
