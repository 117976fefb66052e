//go:build !linux

package bench

import "time"

func threadCPUAvailable() bool { return false }

func threadCPUTime() time.Duration { return 0 }
