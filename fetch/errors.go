package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"
)

// Problem is why an address gave no page, in terms a reader can act on.
type Problem int

const (
	_                Problem = iota
	BadAddress               // not an http(s) address
	NoSuchSite               // name resolution failed
	Unreachable              // no connection (refused, no route, reset)
	Insecure                 // TLS failed: certificate, protocol
	Refused                  // 401, 403: may need a login
	NotFound                 // 404, 410
	RateLimited              // 429
	SiteFailed               // 5xx and other unexpected statuses
	Timeout                  // the site did not answer in time
	TooManyRedirects         // more than MaxRedirects
	NotArticle               // an image, a video, JSON…
	TooLarge                 // over the size limit
)

// Error is an address that gave no page. Its message leaves the address
// out: it is shown beside it.
type Error struct {
	Address    string
	Problem    Problem
	Status     int    // the HTTP status, when the site answered
	RetryAfter string // a 429's Retry-After header
	Err        error  // the underlying error, if any

	limit   int64
	timeout time.Duration
}

func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	status := ""
	if e.Status != 0 {
		status = fmt.Sprintf(" (HTTP %d %s)", e.Status, http.StatusText(e.Status))
	}
	detail := ""
	if e.Err != nil {
		detail = ": " + e.Err.Error()
	}
	switch e.Problem {
	case BadAddress:
		return "not a web address Clippings can fetch (it needs http:// or https:// and a site name)"
	case NoSuchSite:
		return "could not find the site: name resolution failed" + detail
	case Unreachable:
		return "could not connect to the site" + detail
	case Insecure:
		return "the secure connection to the site failed" + detail
	case Refused:
		return "the site refused: it may need a login" + status
	case NotFound:
		if e.Status == http.StatusGone {
			return "the page is gone" + status
		}
		return "page not found" + status
	case RateLimited:
		wait := ""
		if s, err := strconv.Atoi(e.RetryAfter); err == nil && s > 0 {
			wait = fmt.Sprintf(" (it asks for %d s)", s)
		}
		return "the site is limiting requests" + status + ": try again later" + wait
	case SiteFailed:
		return "the site could not give the page" + status
	case Timeout:
		return fmt.Sprintf("the site did not answer within %s s", strconv.FormatFloat(e.timeout.Seconds(), 'f', -1, 64))
	case TooManyRedirects:
		return fmt.Sprintf("the site redirected more than %d times", MaxRedirects)
	case NotArticle:
		return "not an article: the address gives " + e.Err.Error() + "; Clippings reads web pages, plain text and PDF"
	case TooLarge:
		if e.limit%(1<<20) != 0 {
			return fmt.Sprintf("the page is over the %d KB limit", e.limit>>10)
		}
		return fmt.Sprintf("the page is over the %d MB limit", e.limit>>20)
	}
	return "fetch failed" + detail
}

// statusProblem is the problem an HTTP status means; 0 for success.
func statusProblem(status int) Problem {
	switch {
	case status >= 200 && status < 300:
		return 0
	case status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusProxyAuthRequired:
		return Refused
	case status == http.StatusNotFound || status == http.StatusGone:
		return NotFound
	case status == http.StatusTooManyRequests:
		return RateLimited
	}
	return SiteFailed
}

// bare is the error under the client's "Get URL: …" wrapper, which would
// repeat the address shown beside the message.
func bare(err error) error {
	var u *url.Error
	if errors.As(err, &u) {
		return u.Err
	}
	return err
}

// classify names the problem behind a failed request.
func classify(err error) Problem {
	var (
		dns        *net.DNSError
		unknownCA  x509.UnknownAuthorityError
		hostname   x509.HostnameError
		invalid    x509.CertificateInvalidError
		verify     *tls.CertificateVerificationError
		header     tls.RecordHeaderError
		alert      tls.AlertError
		netErr     net.Error
		opErr      *net.OpError
		echRejects *tls.ECHRejectionError
	)
	switch {
	case errors.Is(err, errTooManyRedirects):
		return TooManyRedirects
	case errors.Is(err, errBadRedirect):
		return BadAddress
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return Timeout
	case errors.As(err, &dns):
		return NoSuchSite
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid),
		errors.As(err, &verify), errors.As(err, &header), errors.As(err, &alert), errors.As(err, &echRejects):
		return Insecure
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH), errors.As(err, &opErr):
		return Unreachable
	}
	return Unreachable
}
