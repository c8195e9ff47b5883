package article

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	f := os.Getenv("DBG")
	if f == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(f)
	text, _ := decodeText(data, ".txt")
	text = normalizeText(text)
	if u, ok := unwrapText(text); ok {
		text = u
	}
	lines := classifyLines(text)
	d := newTextDoc(lines, defaultTextModel)
	start, end := d.bodySpan()
	idx, feats := d.headlineCandidates(start, end)
	cand := map[int]float64{}
	for k, i := range idx {
		cand[i] = d.model.Headline.Logit(feats[k*nHeadline : (k+1)*nHeadline])
	}
	fmt.Println("region", d.start, d.end, "span", start, end)
	for i, l := range lines {
		c := ""
		if v, ok := cand[i]; ok {
			c = fmt.Sprintf("H%6.2f", v)
		}
		fmt.Printf("%3d k%d L%6.2f B%6.2f %8s %.90s\n", i, l.kind, d.local[i], d.body[i], c, l.text)
	}
}
