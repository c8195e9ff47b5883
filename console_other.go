//go:build !windows

package main

// attachConsole: elsewhere a program started from a terminal has its
// standard streams already.
func attachConsole() {}
