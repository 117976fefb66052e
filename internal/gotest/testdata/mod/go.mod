// A module that is not cost-ops-bench: the go-test suite's fixture.
module "example.com/fixture"

go 1.24
