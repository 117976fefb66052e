package github

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"strings"
)

// ExtractTarball returns the name and content of the one tar archive (.tar, .tgz or
// .tar.gz) in the zip archive data, as ExtractResult does for a .json file: a
// directory's tree packed before the upload (`tar czf criterion.tgz -C target
// criterion`), which the input formats read as they read the directory.
func ExtractTarball(data []byte, lim Limits) (name string, content []byte, err error) {
	return extractOne(data, lim, "tar", "tar archive", ".tar", ".tgz", ".gz")
}

// ExtractTree returns the JSON files of the zip archive data, a directory tree
// uploaded as it is (actions/upload-artifact of target/criterion), packed as one
// tar archive with the members' paths: the form in which the input formats read a
// directory's tree from bytes. Members whose names would escape the directory are
// refused, and the JSON files together may weigh lim.MaxJSONBytes (counted on the
// bytes inflated). n is the number of files packed.
func ExtractTree(data []byte, lim Limits) (tarball []byte, n int, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, 0, fmt.Errorf("artifact archive: %w", err)
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	left := lim.MaxJSONBytes
	for _, f := range zr.File {
		if err := checkMemberName(f.Name); err != nil {
			return nil, 0, err
		}
		if f.FileInfo().IsDir() || !strings.EqualFold(path.Ext(f.Name), ".json") {
			continue
		}
		content, err := readMember(f, left)
		if err != nil {
			return nil, 0, fmt.Errorf("%w (the JSON files of the archive together)", err)
		}
		left -= int64(len(content))
		if err := tw.WriteHeader(&tar.Header{Name: f.Name, Mode: 0o644, Size: int64(len(content)), Typeflag: tar.TypeReg}); err != nil {
			return nil, 0, err
		}
		if _, err := tw.Write(content); err != nil {
			return nil, 0, err
		}
		n++
	}
	if err := tw.Close(); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), n, nil
}
