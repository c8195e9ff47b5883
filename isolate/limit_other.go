//go:build !linux

package isolate

import (
	"os"
	"os/exec"
	"time"
)

// limitMemory: these systems have no cap that binds the Go heap (macOS
// does not enforce RLIMIT_DATA); the soft limit serve sets, and the time
// limit, still hold.
func limitMemory(limit int64) {}

// watchParent ends the worker when its parent is gone: its input would
// close too, but not while it is busy with a file.
func watchParent() {
	parent := os.Getppid()
	go func() {
		for range time.Tick(time.Second) {
			if os.Getppid() != parent {
				os.Exit(0)
			}
		}
	}()
}

func setProcessAttributes(cmd *exec.Cmd) {}
