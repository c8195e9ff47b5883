package query

import "strings"

// String writes the query as a user would type it: what parses back to the
// same tree. Operators are written one way (OR, -, NOT), parentheses only
// where the tree needs them, and the date filters last — with an OR at the
// top in parentheses then, as they narrow all of it.
func (q *Query) String() string {
	if q == nil {
		return ""
	}
	var parts []string
	if q.Root != nil {
		s := print(q.Root)
		if _, isOr := q.Root.(*Or); isOr && len(q.Dates) > 0 {
			s = "(" + s + ")"
		}
		parts = append(parts, s)
	}
	for _, d := range q.Dates {
		parts = append(parts, d.String())
	}
	return strings.Join(parts, " ")
}

func print(n Node) string {
	switch n := n.(type) {
	case *Term:
		var b strings.Builder
		if n.Field != "" {
			b.WriteString(n.Field + ":")
		}
		if n.Phrase {
			b.WriteString(`"` + n.Text + `"`)
		} else {
			b.WriteString(n.Text)
		}
		if n.Prefix {
			b.WriteByte('*')
		}
		return b.String()
	case *Filter:
		if n.Quoted {
			return n.Field + `:"` + n.Value + `"`
		}
		return n.Field + ":" + n.Value
	case *Not:
		switch n.X.(type) {
		case *Term, *Filter:
			return "-" + print(n.X)
		case *Not:
			return "NOT " + print(n.X)
		}
		return "NOT (" + print(n.X) + ")"
	case *And:
		parts := make([]string, len(n.Items))
		for i, c := range n.Items {
			parts[i] = print(c)
			switch c.(type) {
			case *And, *Or:
				parts[i] = "(" + parts[i] + ")"
			}
		}
		return strings.Join(parts, " ")
	case *Or:
		parts := make([]string, len(n.Items))
		for i, c := range n.Items {
			parts[i] = print(c)
			if _, isOr := c.(*Or); isOr {
				parts[i] = "(" + parts[i] + ")"
			}
		}
		return strings.Join(parts, " OR ")
	}
	return ""
}
