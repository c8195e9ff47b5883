package export

import (
	"html/template"
	"io"
	"strings"

	"github.com/clippings/clippings/article"
	"github.com/clippings/clippings/db"
	"github.com/clippings/clippings/internal/safeurl"
)

// pageTemplate is one self-contained page. Its content security policy
// forbids loading anything, and every value is escaped by html/template,
// so an exported page can neither run a script nor touch the network.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html{{if .Lang}} lang="{{.Lang}}"{{end}}>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.A.Title}}</title>
<style>body{max-width:40em;margin:2em auto;padding:0 1em;font-family:Georgia,serif;line-height:1.55}.meta{color:#555;font-family:sans-serif;font-size:.9em}figcaption{font-style:italic;color:#444}</style>
</head>
<body>
<article>
<h1>{{.A.Title}}</h1>
{{- if .A.Subtitle}}
<p class="subtitle"><em>{{.A.Subtitle}}</em></p>
{{- end}}
{{- if .Byline}}
<p class="meta">{{.Byline}}</p>
{{- end}}
{{- if .Link}}
<p class="meta"><a href="{{.Link}}" rel="noopener noreferrer nofollow">{{.Link}}</a></p>
{{- end}}
{{- range .A.Captions}}
<figure><figcaption>{{.Text}}{{if .Credit}} ({{.Credit}}){{end}}</figcaption></figure>
{{- end}}
{{- range .Paragraphs}}
<p>{{.}}</p>
{{- end}}
</article>
</body>
</html>
`))

func writeHTML(w io.Writer, a db.Article, _ []byte) error {
	// HTML allows no control characters; text stored by an earlier version
	// may hold some (a title with ESC ] 0;… BEL).
	a.Title, a.Subtitle, a.Source, a.Body = withoutControls(a.Title), withoutControls(a.Subtitle), withoutControls(a.Source), withoutControls(a.Body)
	a.Authors = append([]string(nil), a.Authors...)
	for i := range a.Authors {
		a.Authors[i] = withoutControls(a.Authors[i])
	}
	a.Captions = append([]article.Caption(nil), a.Captions...)
	for i := range a.Captions {
		a.Captions[i].Text, a.Captions[i].Credit = withoutControls(a.Captions[i].Text), withoutControls(a.Captions[i].Credit)
	}
	var parts []string
	if len(a.Authors) > 0 {
		parts = append(parts, "By "+strings.Join(a.Authors, ", "))
	}
	for _, s := range []string{a.Source, a.Published.String()} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	var link string
	if u, ok := safeurl.SafeURL(a.URL); ok {
		link = u.String()
	}
	return pageTemplate.Execute(w, struct {
		A          db.Article
		Lang       string
		Byline     string
		Link       string
		Paragraphs []string
	}{a, htmlLang(a.Language), strings.Join(parts, " · "), link, paragraphs(a.Body)})
}

// htmlLang is the page's lang attribute: the article's language code, or
// none when it is unknown (or not a code).
func htmlLang(code string) string {
	if len(code) < 2 || len(code) > 3 || strings.IndexFunc(code, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return ""
	}
	return code
}
