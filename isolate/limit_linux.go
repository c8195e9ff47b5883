package isolate

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// limitMemory caps the worker so that its resident memory stays under
// limit: its data segment (RLIMIT_DATA: since Linux 4.7 every private
// writable mapping, which is where the Go heap lives) may grow by what
// limit leaves beside what the worker holds already. The address space
// (RLIMIT_AS) cannot be capped: the Go runtime reserves far more of it
// than it uses, and refused to start under 600 MB. Past the cap, the
// worker dies with "out of memory", which the pool reports.
func limitMemory(limit int64) {
	data, resident := procStatus("VmData:"), procStatus("VmRSS:")
	if data == 0 || resident == 0 || resident >= limit {
		return
	}
	cap := uint64(data + limit - resident)
	syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: cap, Max: cap})
}

// procStatus reads a size in bytes from /proc/self/status, 0 if unknown.
func procStatus(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
