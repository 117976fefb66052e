package bench

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestCPUModel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, cpuinfo, want string
	}{
		{"x86", "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n\nprocessor\t: 1\nmodel name\t: other\n", "Intel(R) Xeon(R) CPU @ 2.20GHz"},
		{"arm", "processor\t: 0\nBogoMIPS\t: 50.00\n\nModel\t: Raspberry Pi 4 Model B Rev 1.4\n", "Raspberry Pi 4 Model B Rev 1.4"},
		{"none", "processor\t: 0\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "cpuinfo")
			if err := os.WriteFile(path, []byte(tt.cpuinfo), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := cpuModel(path); got != tt.want {
				t.Errorf("cpuModel = %q, want %q", got, tt.want)
			}
		})
	}
	if got := cpuModel(filepath.Join(t.TempDir(), "missing")); got != "" {
		t.Errorf("cpuModel(missing file) = %q, want \"\"", got)
	}
}

func TestDetectEnvironment(t *testing.T) {
	t.Parallel()
	env := DetectEnvironment()
	if env.GoVersion != runtime.Version() || env.OS != runtime.GOOS || env.Arch != runtime.GOARCH || env.CPUCount != runtime.NumCPU() {
		t.Errorf("DetectEnvironment() = %+v", env)
	}
}
