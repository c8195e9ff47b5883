package neardup

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// signatureVersion is the first byte of a marshalled Signature. It changes
// whenever normalisation, shingling, hashing or Bins change, because
// signatures made differently cannot be compared: a store that meets
// ErrVersion re-signs the article from its text.
const signatureVersion = 1

// ErrVersion is returned by Unmarshal for a signature made by another
// version of this package.
var ErrVersion = errors.New("neardup: signature from another version")

// Marshal encodes s compactly for storage: the version byte, the word and
// shingle counts as uvarints, then the Bins values as little-endian uint32
// (at most 533 bytes, usually 516).
func (s Signature) Marshal() []byte {
	b := make([]byte, 0, 1+2*binary.MaxVarintLen64+4*Bins)
	b = append(b, signatureVersion)
	b = binary.AppendUvarint(b, uint64(s.Words))
	b = binary.AppendUvarint(b, uint64(s.Shingles))
	for _, v := range s.mins {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// Unmarshal decodes what Marshal made. Truncated or padded input is an
// error, never a silently wrong Signature.
func Unmarshal(b []byte) (Signature, error) {
	var s Signature
	if len(b) == 0 {
		return s, errors.New("neardup: empty signature")
	}
	if b[0] != signatureVersion {
		return s, fmt.Errorf("%w: version %d, want %d", ErrVersion, b[0], signatureVersion)
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
	if len(rest) != 4*Bins {
		return Signature{}, fmt.Errorf("neardup: corrupt signature: %d bytes of MinHash values, want %d", len(rest), 4*Bins)
	}
	if counts[1] > counts[0] || (counts[0] > 0) != (counts[1] > 0) {
		return Signature{}, fmt.Errorf("neardup: corrupt signature: %d shingles for %d words", counts[1], counts[0])
	}
	s.Words, s.Shingles = int(counts[0]), int(counts[1])
	for i := range s.mins {
		s.mins[i] = binary.LittleEndian.Uint32(rest[4*i:])
	}
	return s, nil
}
