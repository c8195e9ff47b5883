package main

import "math"

// softmaxNewtonSteps bounds the Newton iterations of softmaxLinear; they
// converge in about ten.
const softmaxNewtonSteps = 40

// softmaxLinear fits a linear scoring of rows, s = w·x, such that a softmax
// over each group's scores picks its positive rows (groups are offsets
// into x where each group starts, len(x) last; several positives share the
// target): a conditional logit, L2-penalised with l2 on standardised
// features, by Newton's method. It returns the weights for raw features.
// Deterministic: fixed order of sums, no randomness.
func softmaxLinear(x [][]float64, y []float64, groups []int, l2 float64) []float64 {
	if len(x) == 0 {
		return nil
	}
	d := len(x[0])
	mean, scale := make([]float64, d), make([]float64, d)
	for _, r := range x {
		for j, v := range r {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(len(x))
	}
	for _, r := range x {
		for j, v := range r {
			scale[j] += (v - mean[j]) * (v - mean[j])
		}
	}
	for j := range scale {
		scale[j] = math.Sqrt(scale[j] / float64(len(x)))
		if scale[j] < 1e-9 {
			scale[j] = 1 // a constant feature: the penalty keeps its weight 0
		}
	}
	z := make([][]float64, len(x))
	for i, r := range x {
		z[i] = make([]float64, d)
		for j, v := range r {
			z[i][j] = (v - mean[j]) / scale[j]
		}
	}
	w := make([]float64, d)
	s := make([]float64, len(x))
	p := make([]float64, len(x))
	zbar := make([]float64, d)
	for step := 0; step < softmaxNewtonSteps; step++ {
		grad := make([]float64, d)
		hess := make([]float64, d*d)
		for k := 0; k+1 < len(groups); k++ {
			lo, hi := groups[k], groups[k+1]
			top, pos := math.Inf(-1), 0.0
			for i := lo; i < hi; i++ {
				s[i] = dot(w, z[i])
				top = max(top, s[i])
				pos += y[i]
			}
			if pos == 0 {
				continue
			}
			sum := 0.0
			for i := lo; i < hi; i++ {
				p[i] = math.Exp(s[i] - top)
				sum += p[i]
			}
			clear(zbar)
			for i := lo; i < hi; i++ {
				p[i] /= sum
				for j := range zbar {
					zbar[j] += p[i] * z[i][j]
				}
			}
			for i := lo; i < hi; i++ {
				g := p[i] - y[i]/pos
				for j := 0; j < d; j++ {
					grad[j] += g * z[i][j]
					dj := z[i][j] - zbar[j]
					row := hess[j*d:]
					for k := 0; k <= j; k++ {
						row[k] += p[i] * dj * (z[i][k] - zbar[k])
					}
				}
			}
		}
		for j := 0; j < d; j++ {
			grad[j] += l2 * w[j]
			hess[j*d+j] += l2
			for k := 0; k < j; k++ {
				hess[k*d+j] = hess[j*d+k]
			}
		}
		delta := solve(hess, grad, d)
		change := 0.0
		for j := range w {
			w[j] -= delta[j]
			change = max(change, math.Abs(delta[j]))
		}
		if change < 1e-8 {
			break
		}
	}
	out := make([]float64, d)
	for j := range w {
		out[j] = w[j] / scale[j] // the bias is no matter to a softmax
	}
	return out
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// solve solves the symmetric positive definite system a·x = b (Cholesky).
func solve(a, b []float64, n int) []float64 {
	l := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j <= i; j++ {
			s := a[i*n+j]
			for k := 0; k < j; k++ {
				s -= l[i*n+k] * l[j*n+k]
			}
			if i == j {
				l[i*n+i] = math.Sqrt(max(s, 1e-12))
			} else {
				l[i*n+j] = s / l[j*n+j]
			}
		}
	}
	y := make([]float64, n)
	for i := 0; i < n; i++ {
		s := b[i]
		for k := 0; k < i; k++ {
			s -= l[i*n+k] * y[k]
		}
		y[i] = s / l[i*n+i]
	}
	x := make([]float64, n)
	for i := n - 1; i >= 0; i-- {
		s := y[i]
		for k := i + 1; k < n; k++ {
			s -= l[k*n+i] * x[k]
		}
		x[i] = s / l[i*n+i]
	}
	return x
}
