package main

import (
	"slices"
	"testing"
)

func TestCommonWords(t *testing.T) {
	for _, tc := range []struct {
		name    string
		entries []string
		want    []string
	}{
		{"lower case only is common", []string{"diplomat", "diplomats", "zebra"}, []string{"diplomat", "diplomats", "zebra"}},
		{"a capitalised twin is a name", []string{"brown", "Brown", "may", "May", "rice"}, []string{"rice"}},
		{"possessives and short words left out", []string{"diplomat's", "ox", "an", "ant"}, []string{"ant"}},
		{"sorted in byte order, once", []string{"zeal", "apple", "zeal", "éclair", "bee"}, []string{"apple", "bee", "zeal", "éclair"}},
		{"capitals alone give nothing", []string{"Paris", "NATO"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := commonWords(tc.entries); !slices.Equal(got, tc.want) {
				t.Errorf("commonWords(%q) = %q, want %q", tc.entries, got, tc.want)
			}
		})
	}
}
