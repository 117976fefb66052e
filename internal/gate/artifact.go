package gate

import (
	"fmt"

	"github.com/cost-ops-bench/cost-ops-bench/bench"
	"github.com/cost-ops-bench/cost-ops-bench/internal/formats"
	"github.com/cost-ops-bench/cost-ops-bench/internal/github"
)

// readArtifact reads the result that an artifact's zip archive data holds, as the
// baseline source (artifact:<name>): its one JSON file (a result document, or
// another tool's JSON); else its one tar archive of a directory (`tar czf
// criterion.tgz -C target criterion`); else the directory tree uploaded as it is
// (Criterion's target/criterion: several JSON files), read as a directory is
// (formats.LoadFile). An archive that is none of these is an error that says what
// one JSON file and the tree each lacked.
func readArtifact(data []byte, source, format string, lim github.Limits) (*bench.Document, error) {
	member, content, errOne := github.ExtractResult(data, lim)
	if errOne == nil {
		return formats.Read(content, source+"/"+member, format)
	}
	if member, content, err := github.ExtractTarball(data, lim); err == nil {
		return formats.Read(content, source+"/"+member, format)
	}
	tarball, n, err := github.ExtractTree(data, lim)
	if err != nil {
		return nil, err
	}
	if n < 2 {
		return nil, errOne
	}
	doc, err := formats.Read(tarball, source+" (a directory of "+fmt.Sprint(n)+" JSON files)", format)
	if err != nil {
		return nil, fmt.Errorf("%w; as a directory (Criterion's target/criterion): %w", errOne, err)
	}
	return doc, nil
}
