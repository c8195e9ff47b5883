package app

// Copies of a story: the archive groups the same story from several
// outlets as it imports them. The list can show a group as one row ("+4
// copies"), and the article pane names the other outlets; a click on one
// shows what its copy says differently.

// toggleGroup lists copies of a story on one row, or each on its own, and
// remembers the choice.
func (ui *UI) toggleGroup() {
	ui.group = !ui.group
	ui.app.Preferences().SetBool(prefGroup, ui.group)
	ui.menu.refresh()
	ui.searchNow()
}
