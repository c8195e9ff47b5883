//go:build unix

package isolate

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMain lets this test binary be the parent of a worker busy with a
// slow file, for TestWorkerEndsWithItsParent: it prints the worker's pid
// and waits to be killed.
func TestMain(m *testing.M) {
	if os.Getenv("ISOLATE_TEST_PARENT") == "1" {
		exe, _ := os.Executable()
		w, err := startWorker(exe, MemoryLimit)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		go w.extract(request{Name: "slow.html", Data: slowPage()}, time.Hour, MemoryLimit)
		time.Sleep(500 * time.Millisecond) // the worker has the file
		fmt.Println(w.cmd.Process.Pid)
		select {} // until killed
	}
	os.Exit(m.Run())
}

// A worker busy with a file ends soon after the process that started it
// is killed: an import killed mid-file leaves no extraction running.
func TestWorkerEndsWithItsParent(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	parent := exec.Command(exe, "-test.run=^$")
	parent.Env = append(os.Environ(), "ISOLATE_TEST_PARENT=1")
	out, err := parent.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		parent.Process.Kill()
		t.Fatalf("the parent said nothing: %v", err)
	}
	worker, err := strconv.Atoi(strings.Fields(line + " x")[0])
	if err != nil {
		parent.Process.Kill()
		t.Fatalf("no worker pid in %q", line)
	}
	parent.Process.Kill()
	parent.Wait()
	deadline := time.Now().Add(5 * time.Second)
	for alive(worker) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if alive(worker) {
		syscallKill(worker)
		t.Errorf("worker %d still runs 5 s after its parent was killed", worker)
	}
}
