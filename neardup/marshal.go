package neardup

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// signatureVersion is the first byte of a marshalled Signature. It changes
// whenever normalisation, shingling, hashing, Bins or the encoding change:
// a store that meets ErrVersion re-signs the article from its text.
// Version 1 stored the whole values (4 bytes each) and is still read: its
// signatures are comparable with version 2's, which stores StoredBits.
const (
	signatureVersion = 2
	wholeVersion     = 1
)

// ErrVersion is returned by Unmarshal for a signature made by another
// version of this package.
var ErrVersion = errors.New("neardup: signature from another version")

// Marshal encodes s compactly for storage: the version byte, the word and
// shingle counts as uvarints, then the low StoredBits of the Bins values,
// a byte each (at most 149 bytes, usually 132).
func (s Signature) Marshal() []byte {
	b := s.appendCounts(make([]byte, 0, 1+2*binary.MaxVarintLen64+Bins), signatureVersion)
	for _, v := range s.mins {
		b = append(b, byte(v&storedMask))
	}
	return b
}

// MarshalV1 encodes s as signature version 1 did, the whole values as
// little-endian uint32 (516 bytes usually), for tests that write an
// archive of an earlier version. nil for a signature without its whole
// values.
func (s Signature) MarshalV1() []byte {
	if !s.whole && !s.Empty() {
		return nil
	}
	b := s.appendCounts(make([]byte, 0, 1+2*binary.MaxVarintLen64+4*Bins), wholeVersion)
	for _, v := range s.mins {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

func (s Signature) appendCounts(b []byte, version byte) []byte {
	b = append(b, version)
	b = binary.AppendUvarint(b, uint64(s.Words))
	return binary.AppendUvarint(b, uint64(s.Shingles))
}

// Unmarshal decodes what Marshal made. Truncated or padded input is an
// error, never a silently wrong Signature.
func Unmarshal(b []byte) (Signature, error) {
	var s Signature
	if len(b) == 0 {
		return s, errors.New("neardup: empty signature")
	}
	if b[0] != signatureVersion && b[0] != wholeVersion {
		return s, fmt.Errorf("%w: version %d, want %d", ErrVersion, b[0], signatureVersion)
	}
	width := 1 // bytes a value
	if b[0] == wholeVersion {
		width = 4
	}
	rest := b[1:]
	var counts [2]uint64
	for i, name := range []string{"word count", "shingle count"} {
		v, n := binary.Uvarint(rest)
		// Only the shortest encoding is valid: one Signature, one encoding.
		if n <= 0 || v > 1<<40 || n != len(binary.AppendUvarint(nil, v)) {
			return Signature{}, fmt.Errorf("neardup: corrupt signature: bad %s", name)
		}
		counts[i] = v
		rest = rest[n:]
	}
	if len(rest) != width*Bins {
		return Signature{}, fmt.Errorf("neardup: corrupt signature: %d bytes of MinHash values, want %d", len(rest), width*Bins)
	}
	if counts[1] > counts[0] || (counts[0] > 0) != (counts[1] > 0) {
		return Signature{}, fmt.Errorf("neardup: corrupt signature: %d shingles for %d words", counts[1], counts[0])
	}
	s.Words, s.Shingles = int(counts[0]), int(counts[1])
	if s.Shingles == 0 {
		for i := range rest {
			if rest[i] != 0 {
				return Signature{}, errors.New("neardup: corrupt signature: values of an empty text")
			}
		}
		return s, nil // as Sign makes it: the zero Signature
	}
	s.whole = width == 4
	for i := range s.mins {
		if s.whole {
			s.mins[i] = binary.LittleEndian.Uint32(rest[4*i:])
		} else {
			s.mins[i] = uint32(rest[i])
		}
	}
	return s, nil
}
