// Package plainlocale keeps Fyne from complaining about the plain "C"
// locale. Import it (blank) from main only.
//
// Fyne's lang package reads the locale in its init, through
// github.com/jeandeaual/go-locale, which turns LANG=C.UTF-8 — the default
// of Debian and Ubuntu minimal installs, containers and many ssh logins —
// into the tag "C", which fails to parse: every command then printed three
// lines of "Fyne error: Error parsing user locale C". Only "C" and "POSIX"
// exactly are treated as no locale there.
//
// This package depends on syscall alone, so it is initialised before os
// and so before any package that reads the environment through os (Go 1.21
// specifies that order: the first package in import-path order whose
// imports are all initialised goes next). For a C or POSIX locale it sets
// LANGUAGE=en, which go-locale reads before the locale and which gettext
// ignores under a C locale, so child processes are unaffected.
package plainlocale

import "syscall"

func init() {
	if _, set := syscall.Getenv("LANGUAGE"); set {
		return
	}
	if isPlain(locale()) {
		syscall.Setenv("LANGUAGE", "en")
	}
}

// locale is the value that decides messages' language, as gettext and
// go-locale read it.
func locale() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v, _ := syscall.Getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// isPlain tells whether a locale names no language: C or POSIX, with or
// without a charset or modifier (C.UTF-8, C.utf8, POSIX@euro).
func isPlain(loc string) bool {
	for i := 0; i < len(loc); i++ {
		if loc[i] == '.' || loc[i] == '@' {
			loc = loc[:i]
			break
		}
	}
	return loc == "C" || loc == "POSIX"
}
