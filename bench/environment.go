package bench

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"strings"
)

// DetectEnvironment describes the machine this process runs on. The CPU model
// comes from /proc/cpuinfo where it exists, and is "" elsewhere.
func DetectEnvironment() Environment {
	return Environment{
		GoVersion: runtime.Version(),
		OS:        runtime.GOOS,
		Arch:      runtime.GOARCH,
		CPUModel:  cpuModel("/proc/cpuinfo"),
		CPUCount:  runtime.NumCPU(),
	}
}

// cpuModel returns the first "model name" (x86) or "Model" / "Hardware" (ARM)
// value of a cpuinfo file, or "" when there is none or the file is unreadable.
func cpuModel(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	found := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if ok && val != "" && found[key] == "" {
			found[key] = val
		}
	}
	for _, key := range []string{"model name", "Model", "Hardware", "cpu model"} {
		if v := found[key]; v != "" {
			return v
		}
	}
	return ""
}
