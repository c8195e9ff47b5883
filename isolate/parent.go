package isolate

import (
	"os"
	"time"
)

// watchParent ends the worker when the process that started it is gone
// (killed mid-import): its input closes then, but a worker busy with a file
// would not notice until the file is done. (Linux's Pdeathsig would do it
// at once, but fires when the thread that started the worker ends, not the
// process, and Go gives no say over which thread that is.)
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
