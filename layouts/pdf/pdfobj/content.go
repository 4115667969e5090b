package pdfobj

import "bytes"

// Operation is an operator of a content stream with its operands (§7.8.2).
type Operation struct {
	Operator string
	Operands []Object
}

// NextOperation reads the next operation of a content stream; at the end,
// ok is false. An inline image (BI … ID data EI) is one operation, BI,
// whose operand is its dictionary.
func (s *Scanner) NextOperation() (op Operation, ok bool, err error) {
	for {
		t, err := s.Next()
		if err != nil {
			return op, false, err
		}
		switch t.Kind {
		case EOF:
			if len(op.Operands) > 0 {
				return op, false, s.errorf(t.Start, "operands without an operator at the end of the content")
			}
			return op, false, nil
		case KeywordToken:
			word := string(s.Bytes(t))
			switch word {
			case "true", "false", "null":
				v, _ := s.object(t, 0)
				op.Operands = append(op.Operands, v)
				continue
			case "BI":
				d, err := s.InlineImage()
				if err != nil {
					return op, false, err
				}
				op.Operands = append(op.Operands, d)
			}
			op.Operator = word
			return op, true, nil
		}
		v, err := s.object(t, 0)
		if err != nil {
			return op, false, err
		}
		op.Operands = append(op.Operands, v)
	}
}

// InlineImage reads, after the operator BI, an inline image's entries up
// to ID, and passes its data and EI: the data ends at the first EI
// between white space.
func (s *Scanner) InlineImage() (Dict, error) {
	d := Dict{}
	for {
		t, err := s.Next()
		if err != nil {
			return nil, err
		}
		if t.Kind == KeywordToken && string(s.Bytes(t)) == "ID" {
			break
		}
		if t.Kind != NameToken {
			return nil, s.errorf(t.Start, "an inline image without ID")
		}
		v, err := s.ReadObject()
		if err != nil {
			return nil, err
		}
		d = append(d, Entry{decodeName(s.Bytes(t)), v})
	}
	start := s.pos + 1
	for i := start; i+2 <= len(s.data); {
		j := bytes.Index(s.data[i:], []byte("EI"))
		if j < 0 {
			break
		}
		at := i + j
		if isSpace(s.data[at-1]) && (at+2 == len(s.data) || isSpace(s.data[at+2])) {
			s.pos = at + 2
			return d, nil
		}
		i = at + 2
	}
	return nil, s.errorf(start, "an inline image without EI")
}
