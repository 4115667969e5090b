package serve

import "testing"

// The preview's files need 'self' for scripts, styles and connections;
// everything else in a page's policy stays as the site wrote it.
func TestWidenPolicy(t *testing.T) {
	for _, tc := range []struct{ policy, want string }{
		{"default-src 'none'; img-src 'self'",
			"default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'"},
		{"default-src 'self'", "default-src 'self'"},
		{"img-src 'self'", "img-src 'self'"}, // no default-src: anything goes already
		{"default-src 'none'; script-src 'sha256-abc='; style-src 'self'; connect-src 'none'",
			"default-src 'none'; script-src 'self' 'sha256-abc='; style-src 'self'; connect-src 'self'"},
		{"default-src 'none' ; base-uri 'none';; form-action 'none'",
			"default-src 'none'; base-uri 'none'; form-action 'none'; script-src 'self'; style-src 'self'; connect-src 'self'"},
	} {
		if got := widenPolicy(tc.policy); got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.policy, got, tc.want)
		}
	}
	page := `<head><META HTTP-EQUIV='Content-Security-Policy' content="default-src 'none'"><meta name="viewport" content="width=device-width"></head>`
	want := `<head><META HTTP-EQUIV='Content-Security-Policy' content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'"><meta name="viewport" content="width=device-width"></head>`
	if got := string(allowPreview([]byte(page))); got != want {
		t.Errorf("allowPreview:\n got %s\nwant %s", got, want)
	}
}
