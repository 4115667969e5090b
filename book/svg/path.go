package svg

import (
	"math"
	"strconv"
	"strings"
)

// matrix is an affine transform: x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func translation(x, y float64) matrix { return matrix{1, 0, 0, 1, x, y} }

// mul is m then n applied first: the transform of a child (n) inside m.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[2]*n[1], m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3], m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4], m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

func (m matrix) apply(p Point) Point {
	return Point{m[0]*p.X + m[2]*p.Y + m[4], m[1]*p.X + m[3]*p.Y + m[5]}
}

// scale is how much the transform enlarges lengths on average: what a
// stroke width or a font size is multiplied by.
func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

// upright reports whether the transform only scales (evenly) and moves,
// so that text keeps its baseline horizontal.
func (m matrix) upright() bool {
	const eps = 1e-9
	return math.Abs(m[1]) < eps && math.Abs(m[2]) < eps && m[0] > 0 && math.Abs(m[0]-m[3]) < eps*math.Max(1, m[0])
}

// transform reads a transform attribute; a malformed one is the identity,
// as browsers draw it.
func transform(s string) matrix {
	m := identity
	s = strings.TrimSpace(s)
	for s != "" {
		open := strings.IndexByte(s, '(')
		end := strings.IndexByte(s, ')')
		if open < 0 || end < open {
			return identity
		}
		name := strings.TrimSpace(strings.Trim(strings.TrimSpace(s[:open]), ","))
		args, ok := numbers(s[open+1 : end])
		s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s[end+1:]), ","))
		if !ok {
			return identity
		}
		var t matrix
		switch {
		case name == "matrix" && len(args) == 6:
			t = matrix(args)
		case name == "translate" && (len(args) == 1 || len(args) == 2):
			args = append(args, 0)
			t = translation(args[0], args[1])
		case name == "scale" && (len(args) == 1 || len(args) == 2):
			args = append(args, args[0])
			t = matrix{args[0], 0, 0, args[1], 0, 0}
		case name == "rotate" && (len(args) == 1 || len(args) == 3):
			a := args[0] * math.Pi / 180
			sin, cos := math.Sincos(a)
			t = matrix{cos, sin, -sin, cos, 0, 0}
			if len(args) == 3 {
				t = translation(args[1], args[2]).mul(t).mul(translation(-args[1], -args[2]))
			}
		case name == "skewX" && len(args) == 1:
			t = matrix{1, 0, math.Tan(args[0] * math.Pi / 180), 1, 0, 0}
		case name == "skewY" && len(args) == 1:
			t = matrix{1, math.Tan(args[0] * math.Pi / 180), 0, 1, 0, 0}
		default:
			return identity
		}
		m = m.mul(t)
	}
	return m
}

// numbers reads a list of numbers separated by spaces or commas: those
// before the first error, and false if there is one.
func numbers(s string) ([]float64, bool) {
	var out []float64
	sc := pathScanner{s: s}
	for sc.skip(); sc.i < len(sc.s); sc.skip() {
		f, ok := sc.number()
		if !ok {
			return out, false
		}
		out = append(out, f)
	}
	return out, true
}

// parseNumber reads a whole string as one finite number.
func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
}

// pathScanner reads the numbers of path data and point lists, written as
// compactly as SVG allows ("M1-2.5.5", arc flags run together: "a1 1 0 011 1").
type pathScanner struct {
	s string
	i int
}

func (sc *pathScanner) skip() {
	for sc.i < len(sc.s) && (sc.s[sc.i] == ' ' || sc.s[sc.i] == ',' || sc.s[sc.i] == '\t' || sc.s[sc.i] == '\n' || sc.s[sc.i] == '\r') {
		sc.i++
	}
}

func (sc *pathScanner) number() (float64, bool) {
	sc.skip()
	start, i := sc.i, sc.i
	if i < len(sc.s) && (sc.s[i] == '+' || sc.s[i] == '-') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(sc.s); i++ {
		if c := sc.s[i]; c >= '0' && c <= '9' {
			digits++
		} else if c == '.' && !dot {
			dot = true // a second point starts the next number: "1.5.5"
		} else {
			break
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(sc.s) && (sc.s[i] == 'e' || sc.s[i] == 'E') {
		j := i + 1
		if j < len(sc.s) && (sc.s[j] == '+' || sc.s[j] == '-') {
			j++
		}
		k := j
		for k < len(sc.s) && sc.s[k] >= '0' && sc.s[k] <= '9' {
			k++
		}
		if k > j {
			i = k
		}
	}
	f, ok := parseNumber(sc.s[start:i])
	if !ok {
		return 0, false
	}
	sc.i = i
	return f, true
}

// flag reads an arc flag: a single 0 or 1, which may touch what follows.
func (sc *pathScanner) flag() (bool, bool) {
	sc.skip()
	if sc.i < len(sc.s) && (sc.s[sc.i] == '0' || sc.s[sc.i] == '1') {
		sc.i++
		return sc.s[sc.i-1] == '1', true
	}
	return false, false
}

// pathData turns path data into absolute moves, lines and cubic Béziers in
// user units. Like a browser, it draws the path up to its first error.
func pathData(d string) []Segment {
	var (
		out           []Segment
		sc            = pathScanner{s: d}
		cur, start    Point
		ctrl          Point // the last control point, for S and T
		prev, command byte
	)
	add := func(op byte, pts ...Point) {
		s := Segment{Op: op}
		copy(s.Pts[:], pts)
		out = append(out, s)
	}
	for {
		sc.skip()
		if sc.i >= len(sc.s) {
			return out
		}
		if c := sc.s[sc.i]; c >= 'A' && c <= 'z' && strings.IndexByte("MmLlHhVvCcSsQqTtAaZz", c) >= 0 {
			command = c
			sc.i++
		} else if command == 0 || command == 'Z' || command == 'z' {
			return out
		}
		rel := command >= 'a'
		at := func(x, y float64) Point {
			if rel {
				return Point{cur.X + x, cur.Y + y}
			}
			return Point{x, y}
		}
		read := func(n int) ([]float64, bool) {
			v := make([]float64, n)
			for i := range v {
				f, ok := sc.number()
				if !ok {
					return nil, false
				}
				v[i] = f
			}
			return v, true
		}
		upper := command &^ 0x20
		switch upper {
		case 'Z':
			add('Z')
			cur = start
			ctrl = cur
		case 'M', 'L', 'T':
			v, ok := read(2)
			if !ok {
				return out
			}
			p := at(v[0], v[1])
			switch upper {
			case 'M':
				add('M', p)
				start = p
				command = 'L' | command&0x20 // further pairs are lines
			case 'L':
				add('L', p)
			case 'T':
				q := cur
				if prev == 'Q' || prev == 'T' {
					q = Point{2*cur.X - ctrl.X, 2*cur.Y - ctrl.Y}
				}
				add('C', quadratic(cur, q, p)...)
				ctrl = q
			}
			if upper != 'T' {
				ctrl = p
			}
			cur = p
		case 'H', 'V':
			v, ok := read(1)
			if !ok {
				return out
			}
			p := cur
			if upper == 'H' {
				p.X = v[0]
				if rel {
					p.X += cur.X
				}
			} else {
				p.Y = v[0]
				if rel {
					p.Y += cur.Y
				}
			}
			add('L', p)
			cur, ctrl = p, p
		case 'C', 'S':
			n := 6
			if upper == 'S' {
				n = 4
			}
			v, ok := read(n)
			if !ok {
				return out
			}
			c1 := cur
			if upper == 'C' {
				c1, v = at(v[0], v[1]), v[2:]
			} else if prev == 'C' || prev == 'S' {
				c1 = Point{2*cur.X - ctrl.X, 2*cur.Y - ctrl.Y}
			}
			c2, p := at(v[0], v[1]), at(v[2], v[3])
			add('C', c1, c2, p)
			cur, ctrl = p, c2
		case 'Q':
			v, ok := read(4)
			if !ok {
				return out
			}
			q, p := at(v[0], v[1]), at(v[2], v[3])
			add('C', quadratic(cur, q, p)...)
			cur, ctrl = p, q
		case 'A':
			r, ok := read(3)
			if !ok {
				return out
			}
			large, ok1 := sc.flag()
			sweep, ok2 := sc.flag()
			v, ok3 := read(2)
			if !ok1 || !ok2 || !ok3 {
				return out
			}
			p := at(v[0], v[1])
			out = append(out, arc(cur, r[0], r[1], r[2], large, sweep, p)...)
			cur, ctrl = p, p
		}
		prev = upper
	}
}

// quadratic is the cubic Bézier equal to a quadratic one.
func quadratic(p0, q, p Point) []Point {
	return []Point{
		{p0.X + 2.0/3*(q.X-p0.X), p0.Y + 2.0/3*(q.Y-p0.Y)},
		{p.X + 2.0/3*(q.X-p.X), p.Y + 2.0/3*(q.Y-p.Y)},
		p,
	}
}

// arc converts an SVG elliptical arc (endpoint form, SVG 1.1 appendix
// F.6) to cubic Béziers of at most a quarter turn each.
func arc(p0 Point, rx, ry, phiDeg float64, large, sweep bool, p Point) []Segment {
	if p0 == p {
		return nil
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		return []Segment{{Op: 'L', Pts: [3]Point{p}}}
	}
	sin, cos := math.Sincos(phiDeg * math.Pi / 180)
	dx, dy := (p0.X-p.X)/2, (p0.Y-p.Y)/2
	x1, y1 := cos*dx+sin*dy, -sin*dx+cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 { // radii too small: scale up
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	k := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		k = -k
	}
	cx1, cy1 := k*rx*y1/ry, -k*ry*x1/rx
	cx, cy := cos*cx1-sin*cy1+(p0.X+p.X)/2, sin*cx1+cos*cy1+(p0.Y+p.Y)/2
	angle := func(ux, uy, vx, vy float64) float64 { return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy) }
	theta := angle(1, 0, (x1-cx1)/rx, (y1-cy1)/ry)
	delta := angle((x1-cx1)/rx, (y1-cy1)/ry, (-x1-cx1)/rx, (-y1-cy1)/ry)
	if !sweep && delta > 0 {
		delta -= 2 * math.Pi
	} else if sweep && delta < 0 {
		delta += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(delta) / (math.Pi / 2)))
	step := delta / float64(n)
	t := 4.0 / 3 * math.Tan(step/4)
	pt := func(a float64) (Point, Point) { // a point on the ellipse and its derivative
		s, c := math.Sincos(a)
		return Point{cx + rx*c*cos - ry*s*sin, cy + rx*c*sin + ry*s*cos},
			Point{-rx*s*cos - ry*c*sin, -rx*s*sin + ry*c*cos}
	}
	out := make([]Segment, 0, n)
	a := theta
	from, d0 := pt(a)
	for i := range n {
		a += step
		to, d1 := pt(a)
		if i == n-1 {
			to = p // exactly where the path goes on from
		}
		out = append(out, Segment{Op: 'C', Pts: [3]Point{
			{from.X + t*d0.X, from.Y + t*d0.Y}, {to.X - t*d1.X, to.Y - t*d1.Y}, to}})
		from, d0 = to, d1
	}
	return out
}

// kappa places the control points of a quarter circle's Bézier.
const kappa = 0.5522847498

// ellipse is a closed path around (cx, cy).
func ellipse(cx, cy, rx, ry float64) []Segment {
	kx, ky := rx*kappa, ry*kappa
	return []Segment{
		{Op: 'M', Pts: [3]Point{{cx + rx, cy}}},
		{Op: 'C', Pts: [3]Point{{cx + rx, cy + ky}, {cx + kx, cy + ry}, {cx, cy + ry}}},
		{Op: 'C', Pts: [3]Point{{cx - kx, cy + ry}, {cx - rx, cy + ky}, {cx - rx, cy}}},
		{Op: 'C', Pts: [3]Point{{cx - rx, cy - ky}, {cx - kx, cy - ry}, {cx, cy - ry}}},
		{Op: 'C', Pts: [3]Point{{cx + kx, cy - ry}, {cx + rx, cy - ky}, {cx + rx, cy}}},
		{Op: 'Z'},
	}
}

// rect is a rectangle, its corners rounded by rx and ry.
func rect(x, y, w, h, rx, ry float64) []Segment {
	if rx <= 0 && ry <= 0 {
		return []Segment{
			{Op: 'M', Pts: [3]Point{{x, y}}}, {Op: 'L', Pts: [3]Point{{x + w, y}}},
			{Op: 'L', Pts: [3]Point{{x + w, y + h}}}, {Op: 'L', Pts: [3]Point{{x, y + h}}}, {Op: 'Z'},
		}
	}
	if rx <= 0 {
		rx = ry
	}
	if ry <= 0 {
		ry = rx
	}
	rx, ry = min(rx, w/2), min(ry, h/2)
	kx, ky := rx*kappa, ry*kappa
	return []Segment{
		{Op: 'M', Pts: [3]Point{{x + rx, y}}},
		{Op: 'L', Pts: [3]Point{{x + w - rx, y}}},
		{Op: 'C', Pts: [3]Point{{x + w - rx + kx, y}, {x + w, y + ry - ky}, {x + w, y + ry}}},
		{Op: 'L', Pts: [3]Point{{x + w, y + h - ry}}},
		{Op: 'C', Pts: [3]Point{{x + w, y + h - ry + ky}, {x + w - rx + kx, y + h}, {x + w - rx, y + h}}},
		{Op: 'L', Pts: [3]Point{{x + rx, y + h}}},
		{Op: 'C', Pts: [3]Point{{x + rx - kx, y + h}, {x, y + h - ry + ky}, {x, y + h - ry}}},
		{Op: 'L', Pts: [3]Point{{x, y + ry}}},
		{Op: 'C', Pts: [3]Point{{x, y + ry - ky}, {x + rx - kx, y}, {x + rx, y}}},
		{Op: 'Z'},
	}
}

// points is a polyline's path, closed for a polygon.
func points(list string, closed bool) []Segment {
	v, _ := numbers(list)
	var out []Segment
	for i := 0; i+1 < len(v); i += 2 {
		op := byte('L')
		if i == 0 {
			op = 'M'
		}
		out = append(out, Segment{Op: op, Pts: [3]Point{{v[i], v[i+1]}}})
	}
	if closed && len(out) > 0 {
		out = append(out, Segment{Op: 'Z'})
	}
	return out
}
