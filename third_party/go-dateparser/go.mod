module github.com/markusmobius/go-dateparser

go 1.20

require (
	github.com/elliotchance/pie/v2 v2.7.0
	github.com/go-shiori/dom v0.0.0-20230515143342-73569d674e1c
	github.com/hablullah/go-hijri v1.0.2
	github.com/jalaali/go-jalaali v0.0.0-20210801064154-80525e88d958
	github.com/rs/zerolog v1.33.0
	github.com/wasilibs/go-re2 v1.3.0
	github.com/zyedidia/generic v1.2.1
	golang.org/x/text v0.14.0
)
