package humanize

import "testing"

func TestFormatting(t *testing.T) {
	if got := Thousands(1234567); got != "1,234,567" {
		t.Errorf("thousands = %q", got)
	}
	if got := ReadingTime(461); got != "3 min" {
		t.Errorf("ReadingTime(461) = %q", got)
	}
	if got := ReadingTime(0); got != "1 min" {
		t.Errorf("ReadingTime(0) = %q", got)
	}
	if got := ByteSize(12_345_678); got != "12.3 MB" {
		t.Errorf("byteSize = %q", got)
	}
}
