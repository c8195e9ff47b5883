//go:build !linux

package isolate

// limitMemory: these systems have no cap that binds the Go heap (macOS
// does not enforce RLIMIT_DATA); the soft limit serve sets, and the time
// limit, still hold.
func limitMemory(limit int64) {}
