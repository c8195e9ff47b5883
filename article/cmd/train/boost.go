package main

import (
	"math"
	"slices"
)

// Gradient boosting of trees of depth two (a split, then a split on each
// side), on features binned at their quantiles: the shape Trees in
// article/textmodel.go reads.
const (
	shrinkage = 0.1  // each tree's leaves are scaled by this
	leafL2    = 1.0  // ridge on leaf values (in hessian units)
	maxBins   = 32   // thresholds tried per feature
	maxLogit  = 30.0 // bounds scores, against overflow
)

// settings are what differs between the models boosted.
type settings struct {
	trees    int     // rounds of boosting
	minChild float64 // a split leaves at least this much hessian on each side
}

// noSplit is the threshold of a split that sends every row left (JSON has
// no infinity).
const noSplit = 1e300

// boost fits trees to rows x with labels y (0 or 1) and weights w. With
// groups (offsets into x where each group of rows starts, and len(x) last)
// the loss is the softmax cross-entropy of picking a positive row of each
// group (the headline among its candidates, any copy of it); otherwise logistic loss
// on each row. It returns the bias and the trees.
func boost(x [][]float64, y, w []float64, groups []int, set settings) (float64, [][]float64) {
	if len(x) == 0 {
		return 0, nil
	}
	d := len(x[0])
	thresholds := make([][]float64, d)
	for f := 0; f < d; f++ {
		thresholds[f] = quantiles(x, f)
	}
	bins := make([][]uint8, d) // feature -> row -> bin
	for f := range bins {
		bins[f] = make([]uint8, len(x))
		for i, r := range x {
			bins[f][i] = uint8(binOf(thresholds[f], r[f]))
		}
	}
	bias := 0.0
	if groups == nil {
		var pos, all float64
		for i := range y {
			pos += w[i] * y[i]
			all += w[i]
		}
		p := min(max(pos/all, 1e-6), 1-1e-6)
		bias = math.Log(p / (1 - p))
	}
	score := make([]float64, len(x))
	for i := range score {
		score[i] = bias
	}
	g, h := make([]float64, len(x)), make([]float64, len(x))
	var out [][]float64
	all := make([]int, len(x))
	for i := range all {
		all[i] = i
	}
	for round := 0; round < set.trees; round++ {
		gradients(score, y, w, groups, g, h)
		f0, b0, ok := bestSplit(all, bins, g, h, d, set.minChild)
		if !ok {
			break
		}
		left, right := partition(all, bins, f0, b0)
		f1, b1, ok1 := bestSplit(left, bins, g, h, d, set.minChild)
		f2, b2, ok2 := bestSplit(right, bins, g, h, d, set.minChild)
		tree := []float64{float64(f0), thresholds[f0][b0]} // never the last, infinite, threshold
		leaves := make([]float64, 0, 4)
		for _, side := range []struct {
			rows []int
			f, b int
			ok   bool
		}{{left, f1, b1, ok1}, {right, f2, b2, ok2}} {
			if !side.ok {
				// No useful split: both leaves take the side's value.
				side.f, side.b = 0, len(thresholds[0])-1
				v := leafValue(side.rows, g, h)
				tree = append(tree, 0, noSplit)
				leaves = append(leaves, v, v)
				continue
			}
			l, r := partition(side.rows, bins, side.f, side.b)
			tree = append(tree, float64(side.f), thresholds[side.f][side.b])
			leaves = append(leaves, leafValue(l, g, h), leafValue(r, g, h))
		}
		tree = append(tree, leaves...)
		out = append(out, tree)
		for i, r := range x {
			score[i] = max(-maxLogit, min(maxLogit, score[i]+treeValue(tree, r)))
		}
	}
	return bias, out
}

// treeValue is one tree's leaf for row r (as Trees.Logit reads it).
func treeValue(t []float64, r []float64) float64 {
	if r[int(t[0])] <= t[1] {
		if r[int(t[2])] <= t[3] {
			return t[6]
		}
		return t[7]
	}
	if r[int(t[4])] <= t[5] {
		return t[8]
	}
	return t[9]
}

// gradients of the loss at score, per row.
func gradients(score, y, w []float64, groups []int, g, h []float64) {
	if groups == nil {
		for i, s := range score {
			p := 1 / (1 + math.Exp(-s))
			g[i] = w[i] * (p - y[i])
			h[i] = w[i] * max(p*(1-p), 1e-6)
		}
		return
	}
	for k := 0; k+1 < len(groups); k++ {
		lo, hi := groups[k], groups[k+1]
		top := math.Inf(-1)
		for i := lo; i < hi; i++ {
			top = max(top, score[i])
		}
		sum, pos := 0.0, 0.0
		for i := lo; i < hi; i++ {
			sum += math.Exp(score[i] - top)
			pos += y[i]
		}
		for i := lo; i < hi; i++ {
			p := math.Exp(score[i]-top) / sum
			g[i] = w[i] * (p - y[i]/max(pos, 1)) // several right rows share the target
			h[i] = w[i] * max(p*(1-p), 1e-6)
		}
	}
}

// quantiles are up to maxBins-1 thresholds of feature f: values between
// which its rows divide into about equal parts (a feature with few values:
// each value).
func quantiles(x [][]float64, f int) []float64 {
	vals := make([]float64, len(x))
	for i, r := range x {
		vals[i] = r[f]
	}
	slices.Sort(vals)
	var out []float64
	for k := 1; k < maxBins; k++ {
		v := vals[min(len(vals)-1, k*len(vals)/maxBins)]
		if (len(out) == 0 || v > out[len(out)-1]) && v < vals[len(vals)-1] {
			out = append(out, v)
		}
	}
	uniq := slices.Compact(slices.Clone(vals))
	if len(uniq) <= maxBins {
		out = uniq[:len(uniq)-1]
	}
	return append(out, math.Inf(1)) // the last bin takes everything
}

// binOf is the first threshold v is at most.
func binOf(thresholds []float64, v float64) int {
	i, _ := slices.BinarySearch(thresholds, v)
	return min(i, len(thresholds)-1)
}

// bestSplit finds the feature and bin whose split of rows ("bin <= b"
// left) lowers the loss most, or ok=false.
func bestSplit(rows []int, bins [][]uint8, g, h []float64, d int, minChild float64) (int, int, bool) {
	var gs, hs [maxBins]float64
	bestGain, bestF, bestB := 1e-9, -1, -1
	var G, H float64
	for _, i := range rows {
		G += g[i]
		H += h[i]
	}
	parent := G * G / (H + leafL2)
	for f := 0; f < d; f++ {
		clear(gs[:])
		clear(hs[:])
		col := bins[f]
		for _, i := range rows {
			b := col[i]
			gs[b] += g[i]
			hs[b] += h[i]
		}
		var gl, hl float64
		for b := 0; b < maxBins-1; b++ {
			gl += gs[b]
			hl += hs[b]
			gr, hr := G-gl, H-hl
			if hl < minChild || hr < minChild {
				continue
			}
			gain := gl*gl/(hl+leafL2) + gr*gr/(hr+leafL2) - parent
			if gain > bestGain {
				bestGain, bestF, bestB = gain, f, b
			}
		}
	}
	return bestF, bestB, bestF >= 0
}

func partition(rows []int, bins [][]uint8, f, b int) (left, right []int) {
	for _, i := range rows {
		if int(bins[f][i]) <= b {
			left = append(left, i)
		} else {
			right = append(right, i)
		}
	}
	return left, right
}

func leafValue(rows []int, g, h []float64) float64 {
	var G, H float64
	for _, i := range rows {
		G += g[i]
		H += h[i]
	}
	return -shrinkage * G / (H + leafL2)
}
