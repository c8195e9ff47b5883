package neardup

import "strings"

// Change says where a paragraph of a Diff is found.
type Change int8

const (
	Both  Change = iota // in both texts
	OnlyA               // only in the first text
	OnlyB               // only in the second text
)

// Paragraph is one paragraph of a Diff, in reading order.
type Paragraph struct {
	Change Change
	// Moved marks a paragraph that is in both texts but in another place:
	// it appears once as OnlyA and once as OnlyB, and the UI may show it
	// as moved rather than as a difference.
	Moved bool
	Text  string
}

// maxDiffCells bounds the LCS table (paragraphs of A × paragraphs of B):
// beyond it, texts are not articles, and Diff compares them as sets.
const maxDiffCells = 1 << 20

// Diff compares two texts paragraph by paragraph (paragraphs are separated by
// blank lines) and returns them merged in reading order: paragraphs of both,
// then those only in A before those only in B at each point of difference.
// Paragraphs are compared after the same normalisation as Sign, so a curly
// quote or a changed space is not a difference; a changed word is (the
// paragraph appears as OnlyA then OnlyB).
func Diff(a, b string) []Paragraph {
	pa, pb := paragraphs(a), paragraphs(b)
	ka, kb := paragraphKeys(pa), paragraphKeys(pb)
	n, m := len(pa), len(pb)
	var out []Paragraph
	if n*m > maxDiffCells {
		// Set comparison: each side in its own order, matched by content.
		inB := map[uint64]bool{}
		for _, k := range kb {
			inB[k] = true
		}
		inA := map[uint64]bool{}
		for i, k := range ka {
			inA[k] = true
			c := OnlyA
			if inB[k] {
				c = Both
			}
			out = append(out, Paragraph{Change: c, Text: pa[i]})
		}
		for j, k := range kb {
			if !inA[k] {
				out = append(out, Paragraph{Change: OnlyB, Text: pb[j]})
			}
		}
		return out
	}
	// lcs[i][j] is the longest common subsequence of ka[i:] and kb[j:].
	lcs := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int32 { return lcs[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ka[i] == kb[j] {
				lcs[i*(m+1)+j] = at(i+1, j+1) + 1
			} else {
				lcs[i*(m+1)+j] = max(at(i+1, j), at(i, j+1))
			}
		}
	}
	i, j := 0, 0
	var onlyA, onlyB []Paragraph
	flush := func() {
		out = append(out, onlyA...)
		out = append(out, onlyB...)
		onlyA, onlyB = onlyA[:0], onlyB[:0]
	}
	for i < n || j < m {
		switch {
		case i < n && j < m && ka[i] == kb[j]:
			flush()
			out = append(out, Paragraph{Change: Both, Text: pa[i]})
			i++
			j++
		case j == m || (i < n && at(i+1, j) >= at(i, j+1)):
			onlyA = append(onlyA, Paragraph{Change: OnlyA, Text: pa[i]})
			i++
		default:
			onlyB = append(onlyB, Paragraph{Change: OnlyB, Text: pb[j]})
			j++
		}
	}
	flush()
	// A paragraph only in A whose twin is only in B was moved.
	countA, countB := map[uint64]int{}, map[uint64]int{}
	for _, p := range out {
		switch p.Change {
		case OnlyA:
			countA[paragraphKey(p.Text)]++
		case OnlyB:
			countB[paragraphKey(p.Text)]++
		}
	}
	for i, p := range out {
		if p.Change == Both {
			continue
		}
		k := paragraphKey(p.Text)
		if countA[k] > 0 && countB[k] > 0 {
			out[i].Moved = true
		}
	}
	return out
}

// paragraphs splits text at blank (or white-space only) lines, joining the
// lines of a paragraph with a space.
func paragraphs(text string) []string {
	var out []string
	var cur []string
	for line := range strings.Lines(text) {
		if line = strings.TrimSpace(line); line != "" {
			cur = append(cur, line)
			continue
		}
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}

func paragraphKeys(ps []string) []uint64 {
	keys := make([]uint64, len(ps))
	for i, p := range ps {
		keys[i] = paragraphKey(p)
	}
	return keys
}

// paragraphKey hashes the normalised words of p, so paragraphs that differ
// only in case, accents, punctuation or spacing have the same key.
func paragraphKey(p string) uint64 {
	var stack [256]uint64
	h := uint64(seed)
	for _, w := range wordHashes(stack[:0], p) {
		h = mix64(h ^ w)
	}
	return h
}
