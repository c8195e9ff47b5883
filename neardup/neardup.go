// Package neardup finds near-duplicate articles: the same wire story
// republished by many outlets with a new headline, cut paragraphs, added
// boilerplate or a few changed words. It knows nothing of storage: Sign
// makes a small fixed-size Signature of a text, Bands gives the keys a store
// indexes to find candidates in O(1), and Similar decides whether a
// candidate is the same story.
//
// Signatures are one-permutation MinHash (Li, Owen & Zhang 2012, with
// Shrivastava's 2017 optimal densification) over 5-word shingles of the
// normalised text: one hash per shingle instead of one per shingle and
// permutation, which keeps Sign near 20 µs for a 700-word article. They
// are compared and stored as b-bit MinHash (Li & König 2010): the low
// StoredBits of each value, the estimate corrected for the values that
// agree by chance; the band keys are made from the whole values when the
// text is signed.
package neardup

import (
	"math"
)

const (
	// ShingleWords is the shingle length. Five words make shingles specific
	// enough that unrelated articles (and shared stock phrases) almost never
	// share one, while one changed word spoils only five shingles.
	ShingleWords = 5

	// Bins is the number of MinHash values. 128 gives a Jaccard estimate
	// within about ±0.045 (one standard deviation at J = 0.5).
	Bins = 128

	// StoredBits of each MinHash value are compared and stored (b-bit
	// MinHash). Two different values agree in their low 8 bits once in 256
	// times, which Jaccard corrects for; the estimate's spread grows by
	// less than 1% (its variance by the factor 1/(1-2⁻⁸)²). 128 bytes a
	// signature instead of 512. Measured on the grouping evaluations
	// (eval_test.go; a set of 6,228 synthetic texts; 1,417 pages of the
	// training pool, each as its truth, copied text and innerText): the
	// same recall; wrongly joined pairs of the 6,228 texts 14 with whole
	// values, 9 with 8 bits, 38 with 4, 388 with 2.
	StoredBits = 8

	// BandCount and BandRows are the LSH banding over the first
	// BandCount*BandRows bins. Two rows per band makes a band match with
	// probability J²: with 32 bands a pair with J = 0.4 becomes a candidate
	// with probability 0.996, one with J = 0.3 with 0.95, while articles that
	// share only boilerplate (J ≈ 0.01) do so about once in 300 pairs.
	BandCount = 32
	BandRows  = 2

	// Containment is the estimated share of the shorter text's shingles
	// found in the longer one from which two texts are the same story: the
	// shorter is mostly the longer, cut (a copy cut by 40% is still fully
	// contained), with boilerplate added, or updated with new paragraphs.
	// A follow-up that reuses a paragraph or two as background stays apart.
	// On the evaluation set (see eval_test.go), with MinJaccard, pairs
	// compared directly keep precision 1.0 from 0.4 to 0.6 while recall
	// falls as the threshold rises; 0.5 keeps a margin on both sides.
	Containment = 0.5

	// MinJaccard guards the containment estimate: when one text is many
	// times longer than the other, few bins match and the estimate is too
	// noisy to trust, and a short text that merely quotes a long one is not a
	// copy of it.
	MinJaccard = 0.2

	// MinShingles is the size (about 30 words) under which a text is never
	// grouped by containment alone: a short brief is "contained" in many
	// articles. Such texts group only when nearly identical (TinyJaccard).
	MinShingles = 26
	TinyJaccard = 0.8
)

// seed makes the hashes this package's own; changing it (or any constant
// above that shapes a Signature) must bump signatureVersion.
const seed = 0x9e3779b97f4a7c15

// Signature is the MinHash sketch of a text. The zero Signature is that of
// an empty text, which is similar to nothing.
type Signature struct {
	Words    int // words in the normalised text
	Shingles int // distinct shingles
	mins     [Bins]uint32
	// whole says mins hold the whole values (Sign, or a version-1
	// encoding), from which band keys are made; otherwise only their low
	// StoredBits (Unmarshal of what Marshal stores).
	whole bool
}

// Sign makes the Signature of text, usually an article's body (the headline
// and byline are what outlets change, so leave them out).
func Sign(text string) Signature {
	s := Signature{whole: true}
	var stack [1024]uint64
	words := wordHashes(stack[:0], text)
	// Shingles stay within a paragraph, so a cut, added or moved paragraph
	// changes only its own shingles; a paragraph shorter than a shingle
	// ("Read more") is one shingle.
	n := 0
	run := 0
	for _, w := range words {
		if w == paragraphBreak {
			n += shingles(run)
			run = 0
			continue
		}
		s.Words++
		run++
	}
	n += shingles(run)
	if n == 0 {
		return Signature{}
	}
	// Shingle hashes are deduplicated in an open-addressing set sized to a
	// power of two at least twice the count, so probes stay short.
	size := 1
	for size < 2*n {
		size <<= 1
	}
	var setStack [2048]uint64
	var set []uint64
	if size <= len(setStack) {
		set = setStack[:size]
	} else {
		set = make([]uint64, size)
	}
	mask := uint64(size - 1)
	var filled [Bins / 64]uint64
	for i := range s.mins {
		s.mins[i] = math.MaxUint32
	}
	add := func(shingle []uint64) {
		h := uint64(seed)
		for _, w := range shingle {
			h = (h ^ w) * fnvPrime
			h ^= h >> 29
		}
		x := mix64(h)
		if x == 0 {
			x = 1 // 0 marks a free slot
		}
		for j := x & mask; ; j = (j + 1) & mask {
			if set[j] == 0 {
				set[j] = x
				s.Shingles++
				break
			}
			if set[j] == x {
				return
			}
		}
		bin := x >> (64 - 7) // top 7 bits: Bins = 128
		v := uint32(x)
		filled[bin>>6] |= 1 << (bin & 63)
		if v < s.mins[bin] {
			s.mins[bin] = v
		}
	}
	for len(words) > 0 {
		end := 0
		for end < len(words) && words[end] != paragraphBreak {
			end++
		}
		para := words[:end]
		if end < len(words) {
			end++
		}
		words = words[end:]
		if len(para) <= ShingleWords {
			if len(para) > 0 {
				add(para)
			}
			continue
		}
		for i := 0; i+ShingleWords <= len(para); i++ {
			add(para[i : i+ShingleWords])
		}
	}
	// Optimal densification: an empty bin takes the value of the first
	// filled bin along its own fixed pseudo-random probe sequence, the same
	// in every signature, so empty bins still collide with probability J.
	for b := range Bins {
		if filled[b>>6]&(1<<(b&63)) != 0 {
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			d := mix64(seed^uint64(b)<<32^attempt) >> (64 - 7)
			if filled[d>>6]&(1<<(d&63)) != 0 {
				s.mins[b] = s.mins[d]
				break
			}
		}
	}
	return s
}

// shingles is the number of shingles of a paragraph of n words.
func shingles(n int) int {
	if n == 0 {
		return 0
	}
	return max(1, n-ShingleWords+1)
}

// mix64 is the SplitMix64 finaliser: it spreads every input bit over the
// whole output, so bins and values are uniform.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Empty reports whether the text had no words.
func (s Signature) Empty() bool { return s.Shingles == 0 }

// Bands returns the LSH keys of s, BandCount of them: a store indexes (key,
// article) and looks up the keys of a new article to find the few earlier
// ones worth comparing with Similar. Each key includes its band number, so
// one index serves all bands. Keys are 32-bit (a store keeps each in 4
// bytes): two unrelated articles share one of their 32 with probability
// 32·32/2³², so an article finds about 0.24 unrelated candidates at a
// million articles, each only compared. An empty text has none, and so
// has a signature read back from Marshal's encoding, which keeps only the
// low bits of its values: sign the text again.
func (s Signature) Bands() []int64 {
	if s.Empty() || !s.whole {
		return nil
	}
	keys := make([]int64, BandCount)
	for b, h := range s.bandHashes() {
		keys[b] = int64(int32(h >> 32))
	}
	return keys
}

// BandsV1 returns the 64-bit band keys that signature version 1 was
// indexed by (archives written before the keys were 32-bit hold them until
// converted); none when Bands has none.
func (s Signature) BandsV1() []int64 {
	if s.Empty() || !s.whole {
		return nil
	}
	keys := make([]int64, BandCount)
	for b, h := range s.bandHashes() {
		keys[b] = int64(h)
	}
	return keys
}

func (s Signature) bandHashes() [BandCount]uint64 {
	var out [BandCount]uint64
	for b := range BandCount {
		h := uint64(seed) ^ uint64(b+1)<<56
		for _, v := range s.mins[b*BandRows : (b+1)*BandRows] {
			h = mix64(h ^ uint64(v))
		}
		out[b] = h
	}
	return out
}

// storedMask keeps the bits of a value that are stored and compared.
const storedMask = 1<<StoredBits - 1

// chance is the probability that the stored bits of two different values
// agree.
const chance = 1.0 / (1 << StoredBits)

// Jaccard estimates the resemblance |A∩B| / |A∪B| of the two texts' shingle
// sets from the share of bins whose stored bits agree, less those that
// agree by chance (Li & König: P = J + (1−J)·2⁻ᵇ for values spread over
// far more than 2ᵇ, as 32-bit hashes are).
func Jaccard(a, b Signature) float64 {
	if a.Empty() || b.Empty() {
		return 0
	}
	same := 0
	for i := range a.mins {
		if a.mins[i]&storedMask == b.mins[i]&storedMask {
			same++
		}
	}
	return max(0, (float64(same)/Bins-chance)/(1-chance))
}

// Similar estimates how much of the shorter text is contained in the longer
// one (0–1) and reports whether the two are the same story. Containment,
// rather than Jaccard, keeps a copy with cut paragraphs or added boilerplate
// in the group.
func Similar(a, b Signature) (score float64, same bool) {
	j := Jaccard(a, b)
	if j == 0 {
		return 0, false
	}
	small, large := float64(min(a.Shingles, b.Shingles)), float64(max(a.Shingles, b.Shingles))
	// |A∩B| = J·|A∪B| and |A∪B| = |A|+|B|−|A∩B| give |A∩B| = J(|A|+|B|)/(1+J).
	inter := j * (small + large) / (1 + j)
	c := min(1, inter/small)
	if min(a.Shingles, b.Shingles) < MinShingles {
		return c, j >= TinyJaccard
	}
	return c, c >= Containment && j >= MinJaccard
}
