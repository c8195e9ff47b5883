//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachConsole gives a command the console it was typed in. Clippings.exe
// is a windowed program, so opening it from Explorer flashes no console;
// the price is that Windows starts it without standard handles, and a
// command's output would go nowhere. Handles the caller redirected (to a
// file or a pipe) are kept.
func attachConsole() {
	missing := func(std uint32) bool {
		h, err := windows.GetStdHandle(std)
		return err != nil || h == 0 || h == windows.InvalidHandle
	}
	out, errOut, in := missing(windows.STD_OUTPUT_HANDLE), missing(windows.STD_ERROR_HANDLE), missing(windows.STD_INPUT_HANDLE)
	if !out && !errOut && !in {
		return
	}
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started from Explorer or a shortcut: no console to attach to
	}
	if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		if out {
			os.Stdout = f
		}
		if errOut {
			os.Stderr = f
		}
	}
	if f, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil && in {
		os.Stdin = f
	}
}
