package article

import (
	"fmt"
	"strings"
	"testing"

	"github.com/clippings/clippings/internal/testcorpus"
)

// TestExtractTextMetadata checks the date, source and byline read from
// copied text and from Markdown without front matter (testdata/text/meta-*,
// testdata/markdown/no-front-matter.md, dated-note.markdown).
func TestExtractTextMetadata(t *testing.T) {
	tests := []struct {
		file      string
		title     string // "" = not checked
		published string // "" = unknown
		source    string
		authors   []string
		bodyStart string
		notInBody []string
	}{
		{file: "text/meta-published.txt", title: "Markets rally as central bank holds rates steady",
			published: "2015-03-12", source: "Harbour Herald", authors: []string{"Maria Lopez"},
			bodyStart: "The central bank held", notInBody: []string{"Published", "Updated", "©"}},
		// The dateline's day, with the year of the caption's date; the
		// agency is the source when the page does not name itself.
		{file: "text/meta-wire-dateline.txt", title: "Talks on Lake Morin water rights stall again",
			published: "2020-08-21", source: "Reuters", bodyStart: "BAMAKO, Aug 21 (Reuters) - Talks"},
		{file: "text/meta-published-updated.txt", title: "Late goal sends Riverside into the cup final",
			published: "2019-11-19", source: "Riverside Ledger", authors: []string{"Sam Okafor"}, bodyStart: "RIVERSIDE — A header"},
		// "Posted Nov 18" takes its year from the copyright line.
		{file: "text/meta-yearless.txt", title: "School board approves new bus routes",
			published: "2019-11-18", source: "Valley Courier", authors: []string{"Lena Park"}, bodyStart: "The school board"},
		// A date in the body is what the story is about.
		{file: "text/meta-body-date-only.txt", title: "Community garden opens its gates to schools", bodyStart: "Children from four schools"},
		// Other stories' dates between the headline and the body disagree:
		// none is taken. The headline is still found, and the byline under it.
		{file: "text/meta-story-list.txt", title: "Ten tips for a tidier kitchen", authors: []string{"Jo Hart"},
			bodyStart: "Start with the drawers."},
		{file: "text/meta-ap-dateline.txt", title: "Madrid hosts the first indoor climbing world cup",
			published: "2020-08-21", source: "The Associated Press", bodyStart: "MADRID (AP) — Climbers"},
		{file: "text/copied-page.txt", title: ferryTitle, published: "2024-03-12", source: "Eastbrook Gazette",
			authors: []string{"Tom Walker"}, bodyStart: ferryFirst},
		{file: "markdown/no-front-matter.md", title: "Markets rally as central bank holds rates steady",
			published: "2015-03-12", source: "Harbour Herald", authors: []string{"Maria Lopez"},
			bodyStart: "The central bank held", notInBody: []string{"Maria Lopez", "Published"}},
		// Front matter without a date: the date line under it gives one.
		{file: "markdown/dated-note.markdown", title: "Ferry service returns after twenty years",
			published: "2024-03-12", source: "Eastbrook Gazette", authors: []string{"Tom Walker"},
			bodyStart: "The ferry across the river", notInBody: []string{"2024"}},
		// Front matter wins; nothing is read from the text.
		{file: "markdown/front-matter.md", published: "2024-03-12", source: "Eastbrook Gazette",
			authors: []string{"Tom Walker", "Ann Lee"}},
		{file: "markdown/heading-title.markdown", title: cafeTitle, bodyStart: cafeFirst},
		// A byline paragraph between the headline and the text: the
		// authors, not the body's first paragraph.
		{file: "text/byline-first-paragraph.txt", title: "Border talks stall as terms prove hard to settle",
			authors: []string{"Staff Reporter"}, bodyStart: "Negotiators from both countries", notInBody: []string{"By Staff"}},
		// A box of other stories, with their bylines and dates, after the
		// first two paragraphs: the body starts above it, without it.
		{file: "text/inset-list-after-lead.txt", title: "River ferry to run through the winter after council vote",
			published: "2023-11-02", authors: []string{"Ann Lee"}, bodyStart: "The river ferry between Eastbrook",
			notInBody: []string{"Most Read", "Storm warning", "Jo Hart", "Town centre car park"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, err := extractFixture(t, tt.file)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if tt.title != "" && a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if a.Published.String() != tt.published {
				t.Errorf("published = %q, want %q", a.Published, tt.published)
			}
			if a.Source != tt.source {
				t.Errorf("source = %q, want %q", a.Source, tt.source)
			}
			if strings.Join(a.Authors, "|") != strings.Join(tt.authors, "|") {
				t.Errorf("authors = %q, want %q", a.Authors, tt.authors)
			}
			if !strings.HasPrefix(a.Body, tt.bodyStart) {
				t.Errorf("body starts %q, want %q", head(a.Body, 80), tt.bodyStart)
			}
			for _, bad := range tt.notInBody {
				if strings.Contains(a.Body, bad) {
					t.Errorf("body contains %q", bad)
				}
			}
			checkWellFormed(t, a)
		})
	}
}

// TestMaliSampleDate: the Mali sample shows no date but its photo
// caption's ("… in Bamako, Mali August 19, 2020. REUTERS/ Idrissa
// Sangare"). That is the day the photo was taken, two days before the story
// ran: a hint, used because nothing better exists. No source is guessed
// from the photo credit.
func TestMaliSampleDate(t *testing.T) {
	data := testcorpus.Sample(t, testcorpus.MaliSample)
	a, err := Extract("mali-russia-negotiations.txt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Published.String() != "2020-08-19" || a.Source != "" {
		t.Errorf("published = %q, source = %q; want 2020-08-19 and none", a.Published, a.Source)
	}
}

func TestFindDates(t *testing.T) {
	tests := []struct {
		line  string
		order numOrder
		want  string // dates found, "YYYY-MM-DD" or "0000-MM-DD" without a year
	}{
		{"Published 12 March 2015", orderMDY, "2015-03-12"},
		{"March 12, 2015", orderMDY, "2015-03-12"},
		{"12 Mar 2015 10:32 GMT", orderMDY, "2015-03-12"},
		{"2015-03-12", orderMDY, "2015-03-12"},
		{"Updated: 3/12/2015", orderMDY, "2015-03-12"},
		{"Updated: 3/12/2015", orderDMY, "2015-12-03"},
		{"Friday 21 August 2020 14.03 BST", orderMDY, "2020-08-21"},
		{"Aug. 21, 2020 at 5:00 p.m. ET", orderMDY, "2020-08-21"},
		{"BAMAKO, Aug 21 (Reuters) -", orderMDY, "0000-08-21"},
		{"Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", orderMDY, "0000-11-19 0000-11-18"},
		{"PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: November 19, 2019 at 10:16 pm", orderMDY, "2019-11-19 2019-11-19"},
		{"Published Wed, Nov 20 20194:29 AM ESTUpdated an hour ago", orderMDY, "2019-11-20"},
		{"By Tess Bonn - 11/19/19 06:56 AM EST", orderDMY, "2019-11-19"},
		{"Carlos Nadalim 27/09/2018 Comente!", orderMDY, "2018-09-27"},
		{"21:17 18.11.2019Get short URL", orderMDY, "2019-11-18"},
		{"11.14.2019 09:00 AM", orderDMY, "2019-11-14"},
		{"By Tim Childers 2019-11-19T12:48:14Z Space", orderMDY, "2019-11-19"},
		{"sexta-feira, 22 de outubro de 2010 às 20:13", orderDMY, "2010-10-22"},
		{"Текст: Венера Ерофеева·24 сентября 2018", orderDMY, "2018-09-24"},
		{"Posted on Maret 30, 2015 by Admin", orderMDY, "2015-03-30"},
		{"21. August 2020", orderDMY, "2020-08-21"},
		{"1er mars 2020", orderDMY, "2020-03-01"},
		{"2018年8月25日", orderMDY, "2018-08-25"},
		{"Monday November 18, 2019 7:45 am PST by Joe Rossignol", orderMDY, "2019-11-18"},
		{"20 Nov, 2019 05:47", orderMDY, "2019-11-20"},
		// Not dates.
		{"Granollers and Lopez won 6-4, 7-6 (5)", orderMDY, ""},
		{"Call +7(495) 633-5-633", orderMDY, ""},
		{"version 1.2.3 of the app", orderMDY, ""},
		{"Check out 5 new phones", orderMDY, ""},
		{"Back in May 2019", orderMDY, ""},
		{"https://example.com/2015/03/30/story", orderMDY, ""},
		{"hitting 16.057% on Monday", orderMDY, ""},
		{"February 30, 2019", orderMDY, ""},
		{"Remember 8 December", orderMDY, "0000-12-08"},
		{"It is a decision for 12 judges", orderMDY, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range findDates(tt.line, tt.order) {
			got = append(got, fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("findDates(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestLineDateLabels(t *testing.T) {
	tests := []struct {
		line string
		want []dateLabel
	}{
		{"PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: November 20, 2019 at 10:16 pm", []dateLabel{labelPublished, labelUpdated}},
		{"Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", []dateLabel{labelUpdated, labelPublished}},
		{"Updated 1:39 am EST, Wednesday, November 20, 2019", []dateLabel{labelUpdated}},
		{"First published on November 19, 2019 / 8:16 AM", []dateLabel{labelPublished}},
		{"Published Wed, Nov 20 2019 4:29 AM EST", []dateLabel{labelPublished}},
		{"Posted: Fri 6:45 PM, Feb 16, 2018", []dateLabel{labelPublished}},
		{"New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM", []dateLabel{labelUpdated}},
		{"Publication: 3 May 2019", []dateLabel{labelNone}},
		{"Chris Davies - Nov 19, 2019, 10:31 pm CST", []dateLabel{labelNone}},
		{"Source: Russian Defense Ministry, October 25, 2019", []dateLabel{labelOther}},
	}
	for _, tt := range tests {
		var got []dateLabel
		for _, d := range lineDates(tt.line, orderMDY) {
			got = append(got, d.label)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("lineDates(%q) labels = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestTextDate runs the date finder on small copied pages.
func TestTextDate(t *testing.T) {
	body := "The council voted on Tuesday to reopen the ferry that stopped running in 1998, after a long campaign.\n\n" +
		"The new boat will carry forty passengers and ten bicycles, and will run every half hour in summer."
	tests := []struct{ name, header, footer, want string }{
		{"published beats updated", "By Jane Doe\nUpdated: May 4, 2021\nPublished: May 3, 2021", "", "2021-05-03"},
		{"plain beats updated", "Last modified on Tue 4 May 2021 10.00 BST\nMon 3 May 2021 09.00 BST", "", "2021-05-03"},
		{"updated when alone", "Updated 1:39 am EST, Wednesday, November 20, 2019", "", "2019-11-20"},
		{"first published after the body", "Updated on: May 4, 2021 / 10:07 AM", "First published on May 3, 2021 / 8:16 AM", "2021-05-03"},
		{"date above the headline", "", "", "2020-11-20"},
		{"relative time only", "2 hours ago", "", ""},
		{"tweet signature", "— Jane Doe (@jane) May 3, 2021", "", ""},
		{"cited source", "Source: Ministry of Transport, May 3, 2021", "", ""},
		{"yearless without any year", "Posted Nov 18, 8:19 PM", "", ""},
		{"yearless with copyright", "Posted Nov 18, 8:19 PM", "© 2019 Valley Courier", "2019-11-18"},
		{"file photo caption", "FILE PHOTO: The old ferry landing, March 3, 2015. REUTERS/Jane Doe", "", ""},
	}
	for _, tt := range tests {
		text := "Ferry returns to Eastbrook after twenty years\n" + tt.header + "\n\n" + body + "\n\n" + tt.footer + "\n"
		if tt.name == "date above the headline" {
			text = "Friday 20 November 2020 9:22 am\n" + text
		}
		a, err := extractText(text)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if a.Published.String() != tt.want {
			t.Errorf("%s: published = %q, want %q", tt.name, a.Published, tt.want)
		}
	}
}

func TestCopyrightHolder(t *testing.T) {
	tests := []struct {
		line  string
		name  string
		score int
	}{
		{"© 2020 The Guardian", "The Guardian", 3},
		{"Copyright © 2019, Los Angeles Times | Terms of Service | Privacy Policy", "Los Angeles Times", 3},
		{"© 2005-2019 SlashGear, All Rights Reserved.", "SlashGear", 3},
		{"© 2019 NJ.com. All rights reserved (About Us).", "NJ.com", 3},
		{"Copyright © 2000- MacRumors.com, LLC.", "MacRumors.com", 3},
		{"copyright Inexhibit 2019 - ISSN: 2283-5474", "Inexhibit", 3},
		{"Copyright © 2019 BBC.", "BBC", 3},
		{"© 2019 CNBC LLC. All Rights Reserved. A Division of NBCUniversal", "CNBC", 1},
		{"© 2019 NYP Holdings, Inc. All Rights Reserved", "NYP", 1},
		{"© Autonomous Nonprofit Organization “TV-Novosti”, 2005–2019. All rights reserved.", "TV-Novosti", 1},
		{"© Regan", "Regan", 1},
		{"© 2019 Condé Nast. All rights reserved.", "", 0},
		{"Copyright © 2002-2019 - Designed by Gray Digital Media - Powered by Clickability", "", 0},
		{"© 2019 CBS Interactive Inc. All Rights Reserved.", "CBS", 1},
	}
	for _, tt := range tests {
		name, score := copyrightHolder(tt.line)
		if name != tt.name || score != tt.score {
			t.Errorf("copyrightHolder(%q) = %q, %d; want %q, %d", tt.line, name, score, tt.name, tt.score)
		}
	}
}

func TestTextSource(t *testing.T) {
	body := "The council voted on Tuesday to reopen the ferry that stopped running in 1998, after a long campaign.\n\n" +
		"The new boat will carry forty passengers and ten bicycles, and will run every half hour in summer."
	tests := []struct{ name, top, first, bottom, want string }{
		{"copyright with a year", "", "", "© 2020 Eastbrook Gazette. All rights reserved.", "Eastbrook Gazette"},
		{"source line after the body", "", "", "Source: Eastbrook Gazette", "Eastbrook Gazette"},
		{"company holder alone", "", "", "© 2020 Eastbrook Media Group, Inc.", ""},
		{"company holder named by the page", "Eastbrook Gazette\nNews\nSport", "", "Eastbrook Gazette\nSubscribe to Eastbrook Gazette\n© 2020 Eastbrook Gazette Media, LLC", "Eastbrook Gazette"},
		{"reuters dateline", "", "LONDON (Reuters) - ", "", "Reuters"},
		{"ap dateline", "", "MADRID (AP) — ", "", "AP"},
		{"site beats agency", "", "LONDON (Reuters) - ", "© 2020 Eastbrook Gazette", "Eastbrook Gazette"},
		{"menu words repeated", "News\nSport\nWeather", "", "News\nSport\nWeather\nAbout News", ""},
		{"photo credit as source", "", "", "Source: Getty Images", ""},
		{"chart source", "", "", "Source: Company filings", ""},
		{"official source", "", "", "Source: U.S. Census Bureau", ""},
		{"agency source", "", "", "Source: AFP", "AFP"},
	}
	for _, tt := range tests {
		text := tt.top + "\n\nFerry returns to Eastbrook after twenty years\nBy Jane Doe\n\n" + tt.first + body + "\n\n" + tt.bottom + "\n"
		a, err := extractText(text)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if a.Source != tt.want {
			t.Errorf("%s: source = %q, want %q", tt.name, a.Source, tt.want)
		}
	}
}

func TestMatchDateline(t *testing.T) {
	tests := []struct{ text, date, agency string }{
		{"BAMAKO, Aug 21 (Reuters) - Talks stalled again on Friday.", "Aug 21", "Reuters"},
		{"WASHINGTON (AP) — The Senate voted on Tuesday.", "", "AP"},
		{"(Reuters) — The New York State Attorney General is investigating.", "", "Reuters"},
		{"LONDON, March 12, 2015 -- The company said on Thursday.", "March 12, 2015", ""},
		{"NEW DELHI, Nov 20 (Xinhua) -- India said.", "Nov 20", "Xinhua"},
		{"MADRID — Rafael Nadal kept Spain's hopes alive.", "", ""},
		{"CLEVELAND, Ohio – The Doobie Brothers will tour.", "", ""},
		{"Washington, DC, United States: Getting to the Moon is hard.", "", ""},
		{"NASA, on March 3, 2019 - said it would try again.", "", ""},
	}
	for _, tt := range tests {
		d := matchDateline(tt.text)
		if strings.TrimSpace(d.date) != tt.date || d.agency != tt.agency {
			t.Errorf("matchDateline(%q) = %+v, want date %q, agency %q", tt.text, d, tt.date, tt.agency)
		}
	}
}

func TestBylineNames(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"By Jane Doe and John Roe, Reuters", []string{"Jane Doe", "John Roe"}},
		{"By Tess Bonn - 11/19/19 06:56 AM EST", []string{"Tess Bonn"}},
		{"By Meg JamesStaff Writer", []string{"Meg James"}},
		{"By Umair Irfan Updated Nov 13, 2019, 10:28am EST", []string{"Umair Irfan"}},
		{"By Troy L. Smith, Cleveland.com", []string{"Troy L. Smith"}},
		{"By Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z Space", []string{"Tim Childers"}},
		{"BY BILL HOPPE | SPECIAL TO THE PIONEER PRESS", []string{"Bill Hoppe"}},
		{"by Regan", []string{"Regan"}},
		{"By admin - 2018-09-16", nil},
		{"Sarah.Needleman@wsj.com", nil},
		{"Text: Jane Doe·24 September 2018", []string{"Jane Doe"}},
	}
	for _, tt := range tests {
		if got := bylineNames(tt.line); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("bylineNames(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
	dated := []struct {
		line string
		want []string
	}{
		{"Chris Davies - Nov 19, 2019, 10:31 pm CST", []string{"Chris Davies"}},
		{"Monday November 18, 2019 7:45 am PST by Joe Rossignol", []string{"Joe Rossignol"}},
		{"Reuters November 18, 2019 11:03 PM", []string{"Reuters"}},
		{"Natasha Turak@NatashaTurak", []string{"Natasha Turak"}},
		{"Nissan November 20, 2019 13:42", nil},
		{"Updated Nov 13, 2019", nil},
		{"Posted on March 30, 2015 by Admin", nil},
	}
	for _, tt := range dated {
		if got := datelineNames(tt.line); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("datelineNames(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
