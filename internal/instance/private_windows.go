//go:build windows

package instance

// ownPrivate: on Windows the temporary folder is the user's own
// (%LOCALAPPDATA%\Temp).
func ownPrivate(string) error { return nil }
